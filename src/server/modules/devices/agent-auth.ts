import type { FastifyRequest } from 'fastify';
import { limits } from '../../../shared/limits.js';
import { AppError } from '../../platform/http/app-error.js';
import { credentialHashOf } from './repository.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** on agent routes: the hash of the device credential the request carries */
    deviceCredentialHash: string | null;
  }
}

/**
 * The device credential of an agent route (`Authorization: Device <credential>`), hashed. Its
 * validity (known, not revoked) is checked by the route's one statement, so a heartbeat costs
 * one UPDATE; a request without one is refused here, before its body is read.
 */
export function identifyDevice(request: FastifyRequest): string {
  const match = /^Device\s+(tdc_[\w-]{1,96})$/.exec(request.headers.authorization ?? '');
  const credential = match?.[1];
  if (!credential || credential.length > limits.deviceCredential) {
    throw new AppError(
      'unauthenticated',
      'Agent routes need the device credential received at enrolment: Authorization: Device <credential>.',
    );
  }
  return credentialHashOf(credential);
}
