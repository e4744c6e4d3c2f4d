// Authentication: a SigV4 signature made with a key the credential store
// knows, still active, with the session token that belongs to it, before the
// temporary credentials expire.
import type { RawRequest } from '../protocol/http-types.ts';
import type { Clock } from '../lib/clock.ts';
import type { Caller } from './caller.ts';
import type { CredentialStore, StoredAccessKey } from './credentials/credential-store.ts';
import { AuthError } from './sigv4/parse.ts';
import { SigV4Verifier } from './sigv4/verifier.ts';

export interface Authenticated {
  caller: Caller;
  region: string;
  accessKeyId: string;
}

export interface Authenticator {
  authenticate(req: RawRequest, signingName: string, options: { s3: boolean }): Promise<Authenticated>;
}

export class SigV4Authenticator implements Authenticator {
  private readonly verifier = new SigV4Verifier();

  constructor(
    private readonly credentials: CredentialStore,
    private readonly clock: Clock,
  ) {}

  async authenticate(req: RawRequest, signingName: string, options: { s3: boolean }): Promise<Authenticated> {
    let key: StoredAccessKey | undefined;
    const verified = await this.verifier.verify(req, {
      now: this.clock.now(),
      signingName,
      s3: options.s3,
      secretFor: async (accessKeyId) => {
        key = await this.credentials.findAccessKey(accessKeyId);
        return key && key.status === 'Active' ? key.secretAccessKey : undefined;
      },
    });
    const stored = key!;
    if (stored.sessionToken !== undefined || verified.sessionToken !== undefined) {
      const detail = { sessionToken: verified.sessionToken };
      if (stored.sessionToken !== verified.sessionToken) {
        throw new AuthError({ kind: 'invalidToken', message: 'The security token included in the request is invalid.', accessKeyId: stored.accessKeyId, detail });
      }
      if (stored.expiresAt && stored.expiresAt.getTime() <= this.clock.now().getTime()) {
        throw new AuthError({ kind: 'expiredToken', message: 'The security token included in the request is expired', accessKeyId: stored.accessKeyId, detail });
      }
    }
    return { caller: { ...stored.caller, accessKeyId: stored.accessKeyId }, region: verified.region, accessKeyId: stored.accessKeyId };
  }
}
