/** `GET /api/dashboard/settings`: what the dashboard needs to know before it acts. */
export interface DashboardSettings {
  /** Whether admin routes want ADMIN_TOKEN (the dashboard then asks for it once). */
  adminTokenRequired: boolean;
  /** Whether the service runs against the built-in Twitch simulator. */
  mode: 'demo' | 'twitch';
}
