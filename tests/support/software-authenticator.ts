import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A software passkey authenticator for tests: a P-256 key per credential, attestation `none`, and
 * assertions built by hand (authenticatorData with the rpId hash, flags and counter; clientDataJSON
 * with the challenge and origin; an ECDSA signature over both) — the bytes a browser would send.
 */

type Cbor = number | string | Uint8Array | Cbor[] | Map<Cbor, Cbor>;

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(length, 1);
  return b;
}

/** A minimal CBOR encoder: integers, byte and text strings, arrays, maps. */
function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const b64url = (data: Buffer | Uint8Array) => Buffer.from(data).toString('base64url');

const flag = { up: 0x01, uv: 0x04, be: 0x08, bs: 0x10, at: 0x40 };

export interface SoftCredential {
  id: Buffer;
  privateKey: KeyObject;
  userHandle: string;
  counter: number;
}

export interface CeremonyTweaks {
  /** the origin the browser reports (default: the authenticator's) */
  origin?: string;
  /** the rpId the authenticator data is made for (default: the options') */
  rpId?: string;
  /** whether the person was verified (PIN, fingerprint): UV set (default true) */
  userVerified?: boolean;
  /** the counter to report (default: one more than the last) */
  counter?: number;
  /** at registration: the credential id to report (default: a new random one) */
  credentialId?: Buffer;
  /** the user handle to report (default: the credential's) */
  userHandle?: string | null;
}

type Options = Record<string, unknown>;

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];
  constructor(readonly origin: string) {}

  /** Answers `navigator.credentials.create()` with these options, as RegistrationResponseJSON. */
  create(options: Options, tweaks: CeremonyTweaks = {}) {
    const rp = options.rp as { id: string };
    const user = options.user as { id: string };
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = cbor(
      new Map<Cbor, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    const id = tweaks.credentialId ?? randomBytes(16);
    const counter = tweaks.counter ?? 0;
    const credIdLength = Buffer.alloc(2);
    credIdLength.writeUInt16BE(id.length);
    const authData = Buffer.concat([
      this.authDataHead(tweaks.rpId ?? rp.id, flag.at | this.uvFlags(tweaks), counter),
      Buffer.alloc(16),
      credIdLength,
      id,
      cose,
    ]);
    const clientDataJSON = this.clientData('webauthn.create', options.challenge as string, tweaks);
    const attestationObject = cbor(
      new Map<Cbor, Cbor>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    const credential: SoftCredential = { id, privateKey, userHandle: user.id, counter };
    this.credentials.push(credential);
    return {
      credential,
      response: {
        id: b64url(id),
        rawId: b64url(id),
        type: 'public-key' as const,
        response: {
          clientDataJSON: b64url(clientDataJSON),
          attestationObject: b64url(attestationObject),
          transports: ['internal'],
        },
        authenticatorAttachment: 'platform' as const,
        clientExtensionResults: {},
      },
    };
  }

  /** Answers `navigator.credentials.get()` with one credential, as AuthenticationResponseJSON. */
  get(options: Options, credential: SoftCredential, tweaks: CeremonyTweaks = {}) {
    const counter = tweaks.counter ?? credential.counter + 1;
    credential.counter = counter;
    const authData = this.authDataHead(tweaks.rpId ?? (options.rpId as string), this.uvFlags(tweaks), counter);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge as string, tweaks);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
    const userHandle = tweaks.userHandle === undefined ? credential.userHandle : tweaks.userHandle;
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(userHandle === null ? {} : { userHandle }),
      },
      authenticatorAttachment: 'platform' as const,
      clientExtensionResults: {},
    };
  }

  private uvFlags(tweaks: CeremonyTweaks): number {
    return flag.up | (tweaks.userVerified === false ? 0 : flag.uv);
  }

  private authDataHead(rpId: string, flags: number, counter: number): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count]);
  }

  private clientData(type: string, challenge: string, tweaks: CeremonyTweaks): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin: tweaks.origin ?? this.origin, crossOrigin: false }));
  }
}
