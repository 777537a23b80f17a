/**
 * The seats module: seat assignments, and changes of the licence (seats per module, device limit)
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { insertAssignment, releaseAllSeats, seatsInUse, updateLicence, userSeats } from './repository.js';
export { seatRoutes } from './routes.js';
