/**
 * How long the demo may take to start in a fresh page: it downloads a 3 MB bundle and generates its
 * whole database (hundreds of contacts, deals, tasks) before the first screen shows; on a busy
 * two-core machine it took up to 90 s until the dashboard stopped fetching. The first screen of a
 * page and the dashboard wait this long; every other action uses the configured action timeout. The page's `load` event is not waited for: it comes
 * after that start-up and after the demo's pictures from marmelab.com, which need not load at all.
 */
export const STARTUP_TIMEOUT_MS = 120_000;
