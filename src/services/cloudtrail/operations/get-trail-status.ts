import type { GetTrailStatusRequest, GetTrailStatusResponse } from '@aws-sdk/client-cloudtrail';
import { isoSeconds } from '../../../audit/time.ts';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { findTrail, trailResource } from '../trails.ts';

// Derived from the trail's delivery history (reference §4.3). The deprecated
// string members are ISO times or "" (never happened), as AWS shows them;
// LatestDeliveryAttemptSucceeded is the time of the latest successful
// attempt. Notifications (SNS) and CloudWatch Logs are never sent.
// LatestDigestDeliveryTime appears once a digest was written, and
// LatestDigestDeliveryError while the latest digest attempt failed.
export const getTrailStatus = (deps: CloudTrailDeps) =>
  defineOperation<GetTrailStatusRequest, GetTrailStatusResponse>({
    name: 'GetTrailStatus',
    readOnly: true,
    resources: (input, ctx) => trailResource(input.Name, ctx),
    async handler(input, ctx) {
      const trail = await findTrail(deps, ctx, input.Name!);
      const state = await deps.deliveries.state(trail.arn);
      const digests = await deps.digests.status(trail.arn);
      const text = (date: Date | undefined) => (date ? isoSeconds(date) : '');
      return {
        IsLogging: trail.isLogging,
        LatestDeliveryError: state?.latestDeliveryError,
        LatestDeliveryTime: state?.latestDeliveryTime,
        LatestDigestDeliveryTime: digests.latestDigestDeliveryTime,
        LatestDigestDeliveryError: digests.latestDigestDeliveryError,
        StartLoggingTime: trail.startLoggingTime,
        StopLoggingTime: trail.stopLoggingTime,
        LatestDeliveryAttemptTime: text(state?.latestAttemptTime),
        LatestDeliveryAttemptSucceeded: text(state?.latestDeliveryTime),
        LatestNotificationAttemptTime: '',
        LatestNotificationAttemptSucceeded: '',
        TimeLoggingStarted: text(trail.startLoggingTime),
        TimeLoggingStopped: text(trail.stopLoggingTime),
      };
    },
  });
