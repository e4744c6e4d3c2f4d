// `aws cloudtrail validate-logs` (awscli 2.9, CloudTrailValidateLogs in
// customizations/cloudtrail/validation.py) as a function: the same argument
// checks, walk, per-file lines, summary and result, written to the streams it
// is given. `oia trail validate` and the tests run it; the exit code is 0
// when nothing is INVALID and 1 otherwise (argument errors: 252).
import { createGunzip } from 'node:zlib';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { BucketStoreError } from '../../../storage/buckets/bucket-store.ts';
import { displayDate, parseDate, ParamValidationError } from './dates.ts';
import { isServiceError, traverseDigests, type DigestLogEntry, type ValidDigest } from './digest-traverser.ts';
import type { ValidationSources } from './sources.ts';

export interface TrailBucket {
  bucket: string;
  prefix?: string;
}

export interface ValidateLogsSources extends ValidationSources {
  /** DescribeTrails, the entry whose TrailARN is `trailArn`; undefined when there is none. */
  findTrail(trailArn: string): Promise<TrailBucket | undefined>;
}

export interface ValidateLogsArgs {
  trailArn: string;
  startTime: string;
  endTime?: string;
  s3Bucket?: string;
  s3Prefix?: string;
  accountId?: string;
  /** The Region whose digests are validated: the CLI's Region. */
  region: string;
  verbose?: boolean;
  now: Date;
}

export interface ValidationOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /** How much of the requested range the walk has covered, 0 to 1, after each digest. */
  progress?(fraction: number): void;
}

export interface ValidationResult {
  validDigests: number;
  invalidDigests: number;
  validLogs: number;
  invalidLogs: number;
  exitCode: 0 | 1;
}

// awscli's check (validation.py, assert_cloudtrail_arn_is_valid), looser than the server's
// TRAIL_ARN (trail-names.ts): any partition and region text pass, as they do with the AWS CLI.
const TRAIL_ARN = /^arn:.+:cloudtrail:.+:\d{12}:trail\/.+/;
/** Ranges longer than this (24 digests and their logs at the default interval) report progress. */
const LONG_RANGE_MS = 24 * 60 * 60 * 1000;

/** The part of [start, end] the walk (newest first) has covered once `digest` is done. */
const covered = (start: Date, end: Date, digest: ValidDigest): number =>
  Math.min(1, Math.max(0, (end.getTime() - parseDate(digest.digestStartTime).getTime()) / (end.getTime() - start.getTime())));

export async function validateLogs(sources: ValidateLogsSources, args: ValidateLogsArgs, out: ValidationOutput): Promise<ValidationResult> {
  const start = parseDate(args.startTime);
  const end = args.endTime ? parseDate(args.endTime) : args.now;
  if (start > end) throw new ParamValidationError('Invalid time range specified: start-time must occur before end-time');
  if (!TRAIL_ARN.test(args.trailArn)) throw new ParamValidationError(`Invalid trail ARN provided: ${args.trailArn}`);
  let location: TrailBucket | undefined = args.s3Bucket === undefined ? undefined : { bucket: args.s3Bucket, prefix: args.s3Prefix };
  if (!location) {
    location = await sources.findTrail(args.trailArn);
    if (!location) throw new Error(`A trail could not be found for ${args.trailArn}`);
  }
  const fields = args.trailArn.split(':');
  const trail = {
    accountId: args.accountId || fields[4]!,
    trailName: args.trailArn.split('/').at(-1)!,
    homeRegion: fields[3]!,
    sourceRegion: args.region,
  };
  const report = new Report(out, start, end, args.verbose ?? false);
  out.stdout(`Validating log files for trail ${args.trailArn} between ${displayDate(start)} and ${displayDate(end)}\n\n`);
  for await (const event of traverseDigests(sources, { trail, bucket: location.bucket, prefix: location.prefix, start, end })) {
    switch (event.kind) {
      case 'valid':
        report.validDigest(event.digest);
        for (const log of event.digest.logFiles ?? []) report.log(log, await checkLog(sources, log));
        if (end.getTime() - start.getTime() > LONG_RANGE_MS) out.progress?.(covered(start, end, event.digest));
        break;
      case 'invalid':
        report.invalidDigest(event.message);
        break;
      case 'missing':
        report.invalidDigest(`Digest file\ts3://${event.bucket}/${event.key}\tINVALID: not found`);
        break;
      case 'gap':
        report.error(`No log files were delivered by CloudTrail between ${displayDate(event.nextEndDate)} and ${displayDate(event.lastStartDate)}`);
        break;
    }
  }
  report.summary();
  return report.result();
}

type LogOutcome = 'valid' | "hash value doesn't match" | 'not found' | 'invalid format';

/** Inflates and hashes a log file as it streams in; what awscli's _download_log decides. */
async function checkLog(sources: ValidationSources, log: DigestLogEntry): Promise<LogOutcome> {
  try {
    const { body } = await sources.storeFor(log.s3Bucket).getObject(log.s3Bucket, log.s3Object);
    const hash = createHash('sha256');
    await pipeline(
      body,
      createGunzip(),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          done();
        },
      }),
    );
    return hash.digest('hex') === log.hashValue ? 'valid' : "hash value doesn't match";
  } catch (error) {
    if (error instanceof BucketStoreError && error.code === 'NoSuchKey') return 'not found';
    if (isServiceError(error)) throw error;
    return 'invalid format';
  }
}

/** The counters and the text awscli writes, including its blank-line bookkeeping. */
class Report {
  private validDigests = 0;
  private invalidDigests = 0;
  private validLogs = 0;
  private invalidLogs = 0;
  private lastStatusDoubleSpaced = true;
  private foundStart: Date;
  private foundEnd: Date | undefined;

  constructor(
    private readonly out: ValidationOutput,
    private readonly start: Date,
    private readonly end: Date,
    private readonly verbose: boolean,
  ) {
    this.foundStart = start;
  }

  validDigest(digest: ValidDigest): void {
    // The range found starts at the oldest valid digest (never before start-time) and ends at the newest one.
    const digestStart = parseDate(digest.digestStartTime);
    if (digestStart > this.start) this.foundStart = digestStart;
    if (!this.foundEnd) {
      const digestEnd = parseDate(digest.digestEndTime);
      this.foundEnd = digestEnd < this.end ? digestEnd : this.end;
    }
    this.validDigests++;
    this.status(`Digest file\ts3://${digest.digestS3Bucket}/${digest.digestS3Object}\tvalid`);
  }

  invalidDigest(message: string): void {
    this.invalidDigests++;
    this.error(message);
  }

  log(log: DigestLogEntry, outcome: LogOutcome): void {
    const line = `Log file\ts3://${log.s3Bucket}/${log.s3Object}\t`;
    if (outcome === 'valid') {
      this.validLogs++;
      this.status(`${line}valid`);
    } else {
      this.invalidLogs++;
      this.error(`${line}INVALID: ${outcome}`);
    }
  }

  /** INVALID lines and gaps go to stderr, set off by blank lines. */
  error(message: string): void {
    this.out.stderr(this.lastStatusDoubleSpaced ? `${message}\n\n` : `\n${message}\n\n`);
    this.lastStatusDoubleSpaced = true;
  }

  /** Valid lines go to stdout, with --verbose only. */
  private status(message: string): void {
    if (!this.verbose) return;
    this.lastStatusDoubleSpaced = false;
    this.out.stdout(`${message}\n`);
  }

  summary(): void {
    const write = (text: string) => this.out.stdout(text);
    if (!this.lastStatusDoubleSpaced) write('\n');
    write(`Results requested for ${displayDate(this.start)} to ${displayDate(this.end)}\n`);
    if (!this.validDigests && !this.invalidDigests) {
      write('No digests found\n');
      return;
    }
    if (!this.foundEnd) write('No valid digests found in range\n');
    else write(`Results found for ${displayDate(this.foundStart)} to ${displayDate(this.foundEnd)}:\n`);
    this.ratio(this.validDigests, this.invalidDigests, 'digest');
    this.ratio(this.validLogs, this.invalidLogs, 'log');
    write('\n');
  }

  private ratio(valid: number, invalid: number, name: string): void {
    const total = valid + invalid;
    if (total === 0) return;
    this.out.stdout(`\n${valid}/${total} ${name} files valid${invalid > 0 ? `, ${invalid}/${total} ${name} files INVALID` : ''}`);
  }

  result(): ValidationResult {
    const { validDigests, invalidDigests, validLogs, invalidLogs } = this;
    return { validDigests, invalidDigests, validLogs, invalidLogs, exitCode: invalidDigests > 0 || invalidLogs > 0 ? 1 : 0 };
  }
}
