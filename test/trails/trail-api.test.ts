// The trail control plane through @aws-sdk/client-cloudtrail and Debian's aws
// CLI: shapes, names or ARNs, shadow trails, tags, selectors and AWS's errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddTagsCommand,
  CreateTrailCommand,
  DeleteTrailCommand,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailCommand,
  GetTrailStatusCommand,
  ListTagsCommand,
  ListTrailsCommand,
  PutEventSelectorsCommand,
  RemoveTagsCommand,
  StartLoggingCommand,
  StopLoggingCommand,
  UpdateTrailCommand,
  type CloudTrailClient,
} from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { rejectsWith } from '../support/api-error.ts';
import { recordOf } from '../support/cloudtrail.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { aws, s3Client } from '../s3/support.ts';

describe('trail API', () => {
  let server: TestServer;
  let ct: CloudTrailClient;
  let eu: CloudTrailClient;
  let account: string;
  const arn = (name: string, region = 'us-east-1') => `arn:aws:cloudtrail:${region}:${account}:trail/${name}`;

  before(async () => {
    server = await startServer();
    ct = server.cloudtrail();
    eu = server.cloudtrail({ region: 'eu-west-1' });
    account = server.app.account.accountId;
    await s3Client(server).send(new CreateBucketCommand({ Bucket: 'trail-logs' }));
  });
  after(() => server.stop());

  it('creates a trail and shows it by name and by ARN', async () => {
    const created = await ct.send(new CreateTrailCommand({ Name: 'main', S3BucketName: 'trail-logs', S3KeyPrefix: 'audit', EnableLogFileValidation: true }));
    const { $metadata: _m, ...body } = created;
    assert.deepEqual(body, {
      Name: 'main',
      S3BucketName: 'trail-logs',
      S3KeyPrefix: 'audit',
      IncludeGlobalServiceEvents: true,
      IsMultiRegionTrail: false,
      TrailARN: arn('main'),
      LogFileValidationEnabled: true,
      IsOrganizationTrail: false,
    });
    const expected = {
      Name: 'main',
      S3BucketName: 'trail-logs',
      S3KeyPrefix: 'audit',
      IncludeGlobalServiceEvents: true,
      IsMultiRegionTrail: false,
      HomeRegion: 'us-east-1',
      TrailARN: arn('main'),
      LogFileValidationEnabled: true,
      HasCustomEventSelectors: false,
      HasInsightSelectors: false,
      IsOrganizationTrail: false,
    };
    assert.deepEqual((await ct.send(new GetTrailCommand({ Name: 'main' }))).Trail, expected);
    assert.deepEqual((await ct.send(new GetTrailCommand({ Name: arn('main') }))).Trail, expected);
    assert.deepEqual((await ct.send(new DescribeTrailsCommand({ trailNameList: [arn('main'), 'missing'] }))).trailList, [expected]);
    assert.deepEqual((await ct.send(new ListTrailsCommand({}))).Trails, [{ TrailARN: arn('main'), Name: 'main', HomeRegion: 'us-east-1' }]);
    // The call is audited like any other, with the trail as its resource.
    const { record } = await recordOf(ct, 'CreateTrail', created.$metadata.requestId!);
    assert.deepEqual(record.resources, [{ ARN: arn('main'), accountId: account, type: 'AWS::CloudTrail::Trail' }]);
    assert.equal((record.responseElements as { trailARN: string }).trailARN, arn('main'));
  });

  it('reports logging state as started and stopped', async () => {
    const before = await ct.send(new GetTrailStatusCommand({ Name: 'main' }));
    assert.equal(before.IsLogging, false);
    assert.equal(before.TimeLoggingStarted, '');
    assert.equal(before.LatestDeliveryAttemptTime, '');
    assert.equal(before.LatestDeliveryTime, undefined);
    assert.equal(before.LatestDigestDeliveryTime, undefined);
    await ct.send(new StartLoggingCommand({ Name: arn('main') }));
    const started = await ct.send(new GetTrailStatusCommand({ Name: 'main' }));
    assert.equal(started.IsLogging, true);
    assert.ok(started.StartLoggingTime instanceof Date);
    assert.match(started.TimeLoggingStarted!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(started.TimeLoggingStopped, '');
    await ct.send(new StopLoggingCommand({ Name: 'main' }));
    const stopped = await ct.send(new GetTrailStatusCommand({ Name: 'main' }));
    assert.equal(stopped.IsLogging, false);
    assert.ok(stopped.StopLoggingTime instanceof Date);
    assert.match(stopped.TimeLoggingStopped!, /Z$/);
  });

  it('updates settings, and ties global service events to multi-region', async () => {
    const updated = await ct.send(new UpdateTrailCommand({ Name: 'main', S3KeyPrefix: '', IncludeGlobalServiceEvents: false }));
    assert.equal(updated.S3KeyPrefix, undefined);
    assert.equal(updated.IncludeGlobalServiceEvents, false);
    const multi = await ct.send(new UpdateTrailCommand({ Name: 'main', IsMultiRegionTrail: true }));
    assert.equal(multi.IsMultiRegionTrail, true);
    assert.equal(multi.IncludeGlobalServiceEvents, true);
    await rejectsWith(ct.send(new UpdateTrailCommand({ Name: 'main', IncludeGlobalServiceEvents: false })), 'InvalidParameterCombinationException', {
      status: 400,
      message: 'Multi-Region trail must include global service events.',
    });
    const single = await ct.send(new UpdateTrailCommand({ Name: 'main', IsMultiRegionTrail: false }));
    assert.equal(single.IncludeGlobalServiceEvents, false);
    assert.equal((await ct.send(new GetTrailCommand({ Name: 'main' }))).Trail!.LogFileValidationEnabled, true, 'left as it was');
  });

  it('shows a multi-region trail in other regions as a shadow trail, changed only from its home region', async () => {
    await ct.send(new CreateTrailCommand({ Name: 'everywhere', S3BucketName: 'trail-logs', IsMultiRegionTrail: true }));
    const shadow = (await eu.send(new DescribeTrailsCommand({}))).trailList!;
    assert.deepEqual(shadow.map((t) => [t.Name, t.HomeRegion, t.TrailARN]), [['everywhere', 'us-east-1', arn('everywhere')]]);
    assert.deepEqual((await eu.send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList, []);
    // Elsewhere than its home region a trail is named by its ARN; its name finds nothing.
    assert.deepEqual((await eu.send(new DescribeTrailsCommand({ trailNameList: ['everywhere'] }))).trailList, []);
    assert.deepEqual((await eu.send(new DescribeTrailsCommand({ trailNameList: [arn('everywhere')] }))).trailList!.map((t) => t.Name), ['everywhere']);
    assert.equal((await eu.send(new GetTrailCommand({ Name: arn('everywhere') }))).Trail!.HomeRegion, 'us-east-1');
    assert.equal((await eu.send(new GetTrailStatusCommand({ Name: arn('everywhere') }))).IsLogging, false);
    for (const call of [new GetTrailCommand({ Name: 'everywhere' }), new GetTrailStatusCommand({ Name: 'everywhere' })]) {
      await rejectsWith(eu.send(call as never), 'TrailNotFoundException', { status: 400, message: `Unknown trail: everywhere for the user: ${account}` });
    }
    for (const call of [new StartLoggingCommand({ Name: arn('everywhere') }), new DeleteTrailCommand({ Name: arn('everywhere') })]) {
      await rejectsWith(eu.send(call as never), 'InvalidHomeRegionException', { status: 400, message: /home region, us-east-1/ });
    }
    // Single-region trails of us-east-1 are not seen from eu-west-1.
    await rejectsWith(eu.send(new GetTrailCommand({ Name: 'main' })), 'TrailNotFoundException', {
      status: 400,
      message: `Unknown trail: main for the user: ${account}`,
    });
    await rejectsWith(
      eu.send(new CreateTrailCommand({ Name: 'everywhere', S3BucketName: 'trail-logs' })),
      'TrailAlreadyExistsException',
      { status: 400, message: `Trail everywhere already exists for customer: ${account}` },
    );
    await ct.send(new DeleteTrailCommand({ Name: arn('everywhere') }));
    assert.deepEqual((await eu.send(new DescribeTrailsCommand({}))).trailList, []);
    // Made multi-region, a trail would take its name in eu-west-1 too, where a trail has it.
    await eu.send(new CreateTrailCommand({ Name: 'twice', S3BucketName: 'trail-logs' }));
    await ct.send(new CreateTrailCommand({ Name: 'twice', S3BucketName: 'trail-logs' }));
    await rejectsWith(ct.send(new UpdateTrailCommand({ Name: 'twice', IsMultiRegionTrail: true })), 'TrailAlreadyExistsException', {
      status: 400,
      message: `Trail twice already exists for customer: ${account}`,
    });
    await eu.send(new DeleteTrailCommand({ Name: 'twice' }));
    await ct.send(new DeleteTrailCommand({ Name: 'twice' }));
  });

  it('keeps basic and advanced event selectors', async () => {
    const initial = await ct.send(new GetEventSelectorsCommand({ TrailName: 'main' }));
    assert.deepEqual(initial.EventSelectors, [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }]);
    const basic = await ct.send(
      new PutEventSelectorsCommand({
        TrailName: 'main',
        EventSelectors: [{ ReadWriteType: 'WriteOnly', DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::trail-logs/'] }] }],
      }),
    );
    assert.deepEqual(basic.EventSelectors, [
      { ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::trail-logs/'] }], ExcludeManagementEventSources: [] },
    ]);
    assert.equal((await ct.send(new GetTrailCommand({ Name: 'main' }))).Trail!.HasCustomEventSelectors, true);
    const advanced = [
      { Name: 'channels', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::IoTAnalytics::Channel'] }] },
    ];
    await ct.send(new PutEventSelectorsCommand({ TrailName: 'main', AdvancedEventSelectors: advanced }));
    const read = await ct.send(new GetEventSelectorsCommand({ TrailName: arn('main') }));
    assert.deepEqual(read.AdvancedEventSelectors, advanced);
    assert.equal(read.EventSelectors, undefined);
    assert.equal(read.TrailARN, arn('main'));
  });

  it('refuses invalid event selectors', async () => {
    const invalid = (input: object, message: RegExp) =>
      rejectsWith(ct.send(new PutEventSelectorsCommand({ TrailName: 'main', ...input })), 'InvalidEventSelectorsException', { status: 400, message });
    await invalid({ EventSelectors: [{}], AdvancedEventSelectors: [] }, /not both/);
    await invalid({}, /Specify event selectors/);
    await invalid({ EventSelectors: Array.from({ length: 6 }, () => ({})) }, /at most 5 event selectors/);
    await invalid({ EventSelectors: [{ DataResources: [{ Type: 'AWS::Nope::Thing', Values: [] }] }] }, /DataResources.Type is invalid/);
    await invalid({ EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['bucket/key'] }] }] }, /DataResources.Values is invalid/);
    await invalid({ EventSelectors: [{ ExcludeManagementEventSources: ['iam.amazonaws.com'] }] }, /ExcludeManagementEventSources/);
    await invalid({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'readOnly', Equals: ['true'] }] }] }, /eventCategory/);
    await invalid({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', StartsWith: ['Man'] }] }] }, /Only Equals/);
    await invalid({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] }] }, /resources.type/);
    await invalid({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'userName', Equals: ['x'] }] }] }, /Invalid field userName/);
  });

  it('answers bad names, ARNs, buckets and settings with AWS errors', async () => {
    const create = (input: object) => ct.send(new CreateTrailCommand({ Name: 'ok-name', S3BucketName: 'trail-logs', ...input }));
    const names: [string, RegExp][] = [
      ['ab', /^Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters.$/],
      ['x'.repeat(129), /too long. Maximum allowed length: 128 characters/],
      ['-abc', /^Trail name must starts with a letter or number.$/],
      ['abc_', /^Trail name must ends with a letter or number.$/],
      ['a b c', /can only contain uppercase letters/],
      ['my--trail', /next to another/],
      ['192.168.5.4', /IP address/],
    ];
    for (const [Name, message] of names) await rejectsWith(create({ Name }), 'InvalidTrailNameException', { status: 400, message });
    await rejectsWith(create({ S3BucketName: 'no-such-bucket' }), 'S3BucketDoesNotExistException', { status: 400, message: 'S3 bucket no-such-bucket does not exist!' });
    await rejectsWith(create({ Name: 'main' }), 'TrailAlreadyExistsException', { status: 400 });
    await rejectsWith(create({ IsMultiRegionTrail: true, IncludeGlobalServiceEvents: false }), 'InvalidParameterCombinationException', { status: 400 });
    await rejectsWith(create({ S3KeyPrefix: 'p'.repeat(201) }), 'InvalidS3PrefixException', { status: 400 });
    await rejectsWith(create({ SnsTopicName: 'topic' }), 'UnsupportedOperationException', { status: 400, message: /SnsTopicName/ });
    await rejectsWith(create({ IsOrganizationTrail: true }), 'OrganizationsNotInUseException', { status: 400 });
    await rejectsWith(ct.send(new GetTrailCommand({ Name: 'arn:aws:cloudtrail:bad' })), 'CloudTrailARNInvalidException', { status: 400 });
    await rejectsWith(ct.send(new GetTrailStatusCommand({ Name: arn('gone') })), 'TrailNotFoundException', {
      status: 400,
      message: `Unknown trail: ${arn('gone')} for the user: ${account}`,
    });
    await rejectsWith(ct.send(new DeleteTrailCommand({ Name: 'gone' })), 'TrailNotFoundException', { status: 400 });
    await rejectsWith(ct.send(new UpdateTrailCommand({ Name: 'main', S3BucketName: 'no-such-bucket' })), 'S3BucketDoesNotExistException', { status: 400 });
    await rejectsWith(ct.send(new DescribeTrailsCommand({ trailNameList: ['-bad'] })), 'InvalidTrailNameException', { status: 400 });
  });

  it('limits a region to 5 trails', async () => {
    for (const n of [1, 2, 3, 4]) await ct.send(new CreateTrailCommand({ Name: `extra-${n}`, S3BucketName: 'trail-logs' }));
    await rejectsWith(ct.send(new CreateTrailCommand({ Name: 'extra-5', S3BucketName: 'trail-logs' })), 'MaximumNumberOfTrailsExceededException', {
      status: 400,
      message: `User: ${account} already has 5 trails in us-east-1.`,
    });
    for (const n of [1, 2, 3, 4]) await ct.send(new DeleteTrailCommand({ Name: `extra-${n}` }));
  });

  it('tags trails by ARN', async () => {
    await ct.send(new AddTagsCommand({ ResourceId: arn('main'), TagsList: [{ Key: 'team', Value: 'ops' }, { Key: 'flag' }] }));
    await ct.send(new AddTagsCommand({ ResourceId: arn('main'), TagsList: [{ Key: 'team', Value: 'sec' }] }));
    const list = async () => (await ct.send(new ListTagsCommand({ ResourceIdList: [arn('main')] }))).ResourceTagList;
    assert.deepEqual(await list(), [{ ResourceId: arn('main'), TagsList: [{ Key: 'flag' }, { Key: 'team', Value: 'sec' }] }]);
    await ct.send(new RemoveTagsCommand({ ResourceId: arn('main'), TagsList: [{ Key: 'flag' }] }));
    assert.deepEqual(await list(), [{ ResourceId: arn('main'), TagsList: [{ Key: 'team', Value: 'sec' }] }]);
    await rejectsWith(ct.send(new AddTagsCommand({ ResourceId: arn('gone'), TagsList: [{ Key: 'a' }] })), 'ResourceNotFoundException', { status: 400 });
    await rejectsWith(ct.send(new AddTagsCommand({ ResourceId: 'main', TagsList: [{ Key: 'a' }] })), 'CloudTrailARNInvalidException', { status: 400 });
    await rejectsWith(ct.send(new AddTagsCommand({ ResourceId: arn('main'), TagsList: [{ Key: 'a' }, { Key: 'a' }] })), 'InvalidTagParameterException', { status: 400 });
    await rejectsWith(ct.send(new AddTagsCommand({ ResourceId: arn('main'), TagsList: [{ Key: '' }] })), 'InvalidTagParameterException', { status: 400 });
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}` }));
    await rejectsWith(ct.send(new AddTagsCommand({ ResourceId: arn('main'), TagsList: many })), 'TagsLimitExceededException', { status: 400 });
  });

  it('works from Debian aws CLI', async () => {
    const cli = async (...args: string[]) => {
      const result = await aws(server, ['cloudtrail', ...args]);
      assert.equal(result.code, 0, result.stderr);
      return result.stdout ? JSON.parse(result.stdout) : undefined;
    };
    const created = await cli('create-trail', '--name', 'cli-trail', '--s3-bucket-name', 'trail-logs', '--is-multi-region-trail', '--enable-log-file-validation');
    assert.equal(created.TrailARN, arn('cli-trail'));
    assert.equal(created.IsMultiRegionTrail, true);
    await cli('start-logging', '--name', 'cli-trail');
    const status = await cli('get-trail-status', '--name', 'cli-trail');
    assert.equal(status.IsLogging, true);
    const described = await cli('describe-trails', '--trail-name-list', 'cli-trail');
    assert.equal(described.trailList[0].LogFileValidationEnabled, true);
    const missing = await aws(server, ['cloudtrail', 'get-trail', '--name', 'nope-trail']);
    assert.equal(missing.code, 254);
    assert.match(missing.stderr, /TrailNotFoundException/);
    await cli('delete-trail', '--name', arn('cli-trail'));
  });

  it('tells lifecycle listeners of StopLogging and DeleteTrail once committed', async () => {
    const heard: string[] = [];
    server.app.trailLifecycle.register({
      loggingStopped: async (trail, at) => void heard.push(`stopped ${trail.name} logging=${trail.isLogging} ${at.getTime() === trail.stopLoggingTime?.getTime()}`),
      trailDeleted: async (trail) => void heard.push(`deleted ${trail.arn} ${trail.bucket}`),
    });
    await ct.send(new CreateTrailCommand({ Name: 'listened', S3BucketName: 'trail-logs' }));
    await ct.send(new StopLoggingCommand({ Name: 'listened' }));
    await ct.send(new StartLoggingCommand({ Name: 'listened' }));
    await ct.send(new StopLoggingCommand({ Name: 'listened' }));
    await ct.send(new DeleteTrailCommand({ Name: 'listened' }));
    await rejectsWith(ct.send(new DeleteTrailCommand({ Name: 'listened' })), 'TrailNotFoundException', { status: 400 });
    assert.deepEqual(heard, ['stopped listened logging=false true', `deleted ${arn('listened')} trail-logs`]);
  });
});
