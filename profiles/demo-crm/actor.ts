import type { Actor as CoreActor } from '../../fixtures/actor.js';
import type { ApiClient } from './api/client.js';

/** An actor of the bundled CRM: `actor.api` is its JSON API client. */
export type Actor = CoreActor<ApiClient>;
