/** Also reachable under this older address, for pages that import it from here. */
export { invalidateSeats, useSeats } from './api.js';
