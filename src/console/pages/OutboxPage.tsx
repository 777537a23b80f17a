/** The delivery log page lives in its feature folder; the router imports it from here. */
export { default } from './outbox/OutboxPage.js';
