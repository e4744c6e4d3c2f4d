// ListPublicKeys (reference §6.4): the digest-signing keys of the Region the
// call was signed for whose validity overlaps [StartTime, EndTime], both
// defaulting to now. Value is the PKCS#1 RSAPublicKey DER (base64 on the
// wire), Fingerprint the lowercase hex MD5 of it.
import type { ListPublicKeysRequest, ListPublicKeysResponse } from '@aws-sdk/client-cloudtrail';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { errors } from '../errors.ts';

export const listPublicKeys = (deps: CloudTrailDeps) =>
  defineOperation<ListPublicKeysRequest, ListPublicKeysResponse>({
    name: 'ListPublicKeys',
    readOnly: true,
    async handler(input, ctx) {
      // The model reserves NextToken "for future use": every key fits in one page, so no token is valid.
      if (input.NextToken !== undefined) throw errors.invalidToken();
      const now = ctx.clock.now();
      const start = input.StartTime ?? now;
      const end = input.EndTime ?? now;
      if (start.getTime() > end.getTime()) throw errors.invalidTimeRange('The start time must not be later than the end time.');
      const keys = await deps.signingKeys.publicKeys(ctx.region, start, end);
      return {
        PublicKeyList: keys.map((key) => ({
          Value: key.publicDer,
          ValidityStartTime: key.validFrom,
          ValidityEndTime: key.validUntil,
          Fingerprint: key.fingerprint,
        })),
      };
    },
  });
