/** The two modules a user can hold a seat of. */
export const modules = ['remoteSupport', 'serviceDesk'] as const;
export type Module = (typeof modules)[number];

/** A new account's licence: seats per module and the device limit, edited on "Seats & devices". */
export const defaultLicence = { remoteSupportSeats: 5, serviceDeskSeats: 5, deviceLimit: 100 } as const;

/** Upper bounds of what an administrator may set. */
export const licenceBounds = { seatsMax: 10_000, deviceLimitMax: 1_000_000 } as const;
