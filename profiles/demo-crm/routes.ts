/** The URLs of the bundled CRM the profile itself relies on: sign-in and landing pages, the session. */
export const crmRoutes = {
  staffLogin: '/login',
  portalLogin: '/portal/login',
  staffHome: '/',
  portalHome: '/portal',
  session: '/api/session',
} as const;

/** The main heading of each landing page, which the smoke flows expect to see after sign-in. */
export const landingHeadings = {
  staff: 'Dashboard',
  portal: 'Support tickets',
} as const;

export const LOGIN_PATHS: readonly string[] = [crmRoutes.staffLogin, crmRoutes.portalLogin];

export function loginPathFor(portal: boolean): string {
  return portal ? crmRoutes.portalLogin : crmRoutes.staffLogin;
}

export function homePathFor(portal: boolean): string {
  return portal ? crmRoutes.portalHome : crmRoutes.staffHome;
}
