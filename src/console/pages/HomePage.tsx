// The home page is the operations dashboard; the Configure grid lives at /configure.
export { default } from './dashboard/DashboardPage.js';
