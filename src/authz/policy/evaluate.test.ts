import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, evaluateTrust, type Decision, type PrincipalFacts, type RequestFacts, type TrustGrant } from './evaluate.ts';
import { parsePolicy, type PolicyKind } from './policy-document.ts';

const ACCT = '123456789012';
const CHANNEL = `arn:aws:iotanalytics:us-east-1:${ACCT}:channel/ch1`;

function policy(statements: object[], kind: PolicyKind = 'identity') {
  return parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), kind);
}

const allow = (action: unknown, resource: unknown = '*', extra: object = {}) => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const deny = (action: unknown, resource: unknown = '*', extra: object = {}) => ({ Effect: 'Deny', Action: action, Resource: resource, ...extra });

function request(action: string, resource = CHANNEL, context: Record<string, string[]> = {}): RequestFacts {
  return { action, resource, context };
}

const ALLOWED: Decision = { allowed: true };
const implicit = (policyType: 'identity-based' | 'session'): Decision => ({ allowed: false, explicit: false, policyType });
const explicit = (policyType: 'identity-based' | 'session'): Decision => ({ allowed: false, explicit: true, policyType });

interface Case {
  name: string;
  identity: object[][];
  session?: object[][];
  request: RequestFacts;
  expected: Decision;
}

const cases: Case[] = [
  { name: 'no policy at all denies by default', identity: [], request: request('iotanalytics:DescribeChannel'), expected: implicit('identity-based') },
  { name: 'an exact action and resource allow', identity: [[allow('iotanalytics:DescribeChannel', CHANNEL)]], request: request('iotanalytics:DescribeChannel'), expected: ALLOWED },
  { name: 'actions match without regard to case', identity: [[allow('IoTAnalytics:describechannel')]], request: request('iotanalytics:DescribeChannel'), expected: ALLOWED },
  { name: 'a * wildcard in the action', identity: [[allow('iotanalytics:Describe*')]], request: request('iotanalytics:DescribeChannel'), expected: ALLOWED },
  { name: 'a ? wildcard matches exactly one character', identity: [[allow('iotanalytics:Describe?hannel')]], request: request('iotanalytics:DescribeChannel'), expected: ALLOWED },
  { name: 'a wildcard action does not reach other actions', identity: [[allow('iotanalytics:Describe*')]], request: request('iotanalytics:CreateChannel'), expected: implicit('identity-based') },
  { name: 'a list of actions', identity: [[allow(['iotanalytics:List*', 'iotanalytics:DescribeChannel'])]], request: request('iotanalytics:DescribeChannel'), expected: ALLOWED },
  { name: 'resources match with regard to case', identity: [[allow('iotanalytics:*', CHANNEL.replace('ch1', 'CH1'))]], request: request('iotanalytics:DescribeChannel'), expected: implicit('identity-based') },
  { name: 'a resource wildcard spans the rest of the ARN', identity: [[allow('iotanalytics:*', `arn:aws:iotanalytics:*:${ACCT}:channel/*`)]], request: request('iotanalytics:DescribeChannel'), expected: ALLOWED },
  { name: 'a resource-less request needs Resource "*"', identity: [[allow('iotanalytics:ListChannels', 'arn:aws:iotanalytics:*')]], request: request('iotanalytics:ListChannels', '*'), expected: implicit('identity-based') },
  { name: 'NotAction allows everything else', identity: [[{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]], request: request('iotanalytics:CreateChannel'), expected: ALLOWED },
  { name: 'NotAction excludes what it names', identity: [[{ Effect: 'Allow', NotAction: 'iotanalytics:Create*', Resource: '*' }]], request: request('iotanalytics:CreateChannel'), expected: implicit('identity-based') },
  { name: 'NotResource allows other resources', identity: [[{ Effect: 'Allow', Action: '*', NotResource: `arn:aws:iotanalytics:*:*:dataset/*` }]], request: request('iotanalytics:DescribeChannel'), expected: ALLOWED },
  { name: 'NotResource excludes what it names', identity: [[{ Effect: 'Allow', Action: '*', NotResource: CHANNEL }]], request: request('iotanalytics:DescribeChannel'), expected: implicit('identity-based') },
  { name: 'an explicit deny wins over an allow in another policy', identity: [[allow('*')], [deny('iotanalytics:DescribeChannel', CHANNEL)]], request: request('iotanalytics:DescribeChannel'), expected: explicit('identity-based') },
  { name: 'an explicit deny wins within one policy', identity: [[allow('iotanalytics:*'), deny('iotanalytics:Create*')]], request: request('iotanalytics:CreateChannel'), expected: explicit('identity-based') },
  { name: 'a deny that does not match leaves the allow', identity: [[allow('iotanalytics:*'), deny('iotanalytics:Create*')]], request: request('iotanalytics:DescribeChannel'), expected: ALLOWED },
  { name: 'a session policy narrows an identity allow', identity: [[allow('iotanalytics:*')]], session: [[allow('iotanalytics:Describe*')]], request: request('iotanalytics:CreateChannel'), expected: implicit('session') },
  { name: 'a session policy passes what both allow', identity: [[allow('iotanalytics:*')]], session: [[allow('iotanalytics:Describe*')]], request: request('iotanalytics:DescribeChannel'), expected: ALLOWED },
  { name: 'a session policy cannot grant beyond the identity', identity: [[allow('iotanalytics:Describe*')]], session: [[allow('*')]], request: request('iotanalytics:CreateChannel'), expected: implicit('identity-based') },
  { name: 'an empty session policy set allows nothing (federation without a policy)', identity: [[allow('*')]], session: [], request: request('iotanalytics:DescribeChannel'), expected: implicit('session') },
  { name: 'a deny in a session policy is explicit', identity: [[allow('*')]], session: [[allow('*'), deny('iotanalytics:DescribeChannel')]], request: request('iotanalytics:DescribeChannel'), expected: explicit('session') },
  { name: 'StringEquals on a context key', identity: [[allow('*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } })]], request: request('iotanalytics:DescribeChannel', CHANNEL, { 'aws:requestedregion': ['us-east-1'] }), expected: ALLOWED },
  { name: 'condition keys are case-insensitive', identity: [[allow('*', '*', { Condition: { StringEquals: { 'AWS:RequestedRegion': 'us-east-1' } } })]], request: request('iotanalytics:DescribeChannel', CHANNEL, { 'aws:requestedregion': ['us-east-1'] }), expected: ALLOWED },
  { name: 'a condition that fails does not allow', identity: [[allow('*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })]], request: request('iotanalytics:DescribeChannel', CHANNEL, { 'aws:requestedregion': ['us-east-1'] }), expected: implicit('identity-based') },
  { name: 'a missing key fails a positive operator', identity: [[allow('*', '*', { Condition: { StringEquals: { 'sts:ExternalId': 'x' } } })]], request: request('iotanalytics:DescribeChannel'), expected: implicit('identity-based') },
  { name: 'a missing key passes IfExists', identity: [[allow('*', '*', { Condition: { StringEqualsIfExists: { 'sts:ExternalId': 'x' } } })]], request: request('iotanalytics:DescribeChannel'), expected: ALLOWED },
  { name: 'a missing key passes a negated operator', identity: [[allow('*', '*', { Condition: { StringNotEquals: { 'sts:ExternalId': 'x' } } })]], request: request('iotanalytics:DescribeChannel'), expected: ALLOWED },
  { name: 'Null tests for absence', identity: [[deny('*', '*', { Condition: { Null: { 'aws:TokenIssueTime': 'false' } } }), allow('*')]], request: request('iotanalytics:DescribeChannel', CHANNEL, { 'aws:tokenissuetime': ['2024-05-01T12:00:00Z'] }), expected: explicit('identity-based') },
  { name: 'Bool accepts a JSON boolean', identity: [[deny('*', '*', { Condition: { Bool: { 'aws:SecureTransport': false } } }), allow('*')]], request: request('iotanalytics:DescribeChannel', CHANNEL, { 'aws:securetransport': ['false'] }), expected: explicit('identity-based') },
  { name: 'IpAddress matches a CIDR', identity: [[allow('*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })]], request: request('iotanalytics:DescribeChannel', CHANNEL, { 'aws:sourceip': ['10.1.2.3'] }), expected: ALLOWED },
  { name: 'NotIpAddress denies outside the range', identity: [[allow('*'), deny('*', '*', { Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '127.0.0.1'] } } })]], request: request('iotanalytics:DescribeChannel', CHANNEL, { 'aws:sourceip': ['192.0.2.10'] }), expected: explicit('identity-based') },
  { name: 'DateLessThan on aws:CurrentTime', identity: [[allow('*', '*', { Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } })]], request: request('iotanalytics:DescribeChannel', CHANNEL, { 'aws:currenttime': ['2024-05-01T12:00:00Z'] }), expected: ALLOWED },
  { name: 'NumericLessThan on aws:EpochTime', identity: [[allow('*', '*', { Condition: { NumericLessThan: { 'aws:EpochTime': '100' } } })]], request: request('iotanalytics:DescribeChannel', CHANNEL, { 'aws:epochtime': ['1714564800'] }), expected: implicit('identity-based') },
  { name: 'ArnLike compares ARN parts', identity: [[allow('*', '*', { Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/*` } } })]], request: request('iotanalytics:DescribeChannel', CHANNEL, { 'aws:principalarn': [`arn:aws:iam::${ACCT}:role/reader`] }), expected: ALLOWED },
  { name: 'ForAllValues holds when every value matches', identity: [[allow('*', '*', { Condition: { 'ForAllValues:StringLike': { 'aws:TagKeys': ['env', 'team*'] } } })]], request: request('iotanalytics:DescribeChannel', CHANNEL, { 'aws:tagkeys': ['env', 'team-a'] }), expected: ALLOWED },
  { name: 'ForAnyValue fails when no value matches', identity: [[allow('*', '*', { Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'owner' } } })]], request: request('iotanalytics:DescribeChannel', CHANNEL, { 'aws:tagkeys': ['env'] }), expected: implicit('identity-based') },
  { name: 'a policy variable in a resource', identity: [[allow('iam:GetUser', `arn:aws:iam::${ACCT}:user/\${aws:username}`)]], request: request('iam:GetUser', `arn:aws:iam::${ACCT}:user/alice`, { 'aws:username': ['alice'] }), expected: ALLOWED },
  { name: 'a policy variable that does not fit', identity: [[allow('iam:GetUser', `arn:aws:iam::${ACCT}:user/\${aws:username}`)]], request: request('iam:GetUser', `arn:aws:iam::${ACCT}:user/bob`, { 'aws:username': ['alice'] }), expected: implicit('identity-based') },
  { name: 'a policy variable missing from the context matches nothing', identity: [[allow('iam:GetUser', `arn:aws:iam::${ACCT}:user/\${aws:username}`)]], request: request('iam:GetUser', `arn:aws:iam::${ACCT}:user/alice`), expected: implicit('identity-based') },
  { name: 'an unsupported operator never allows', identity: [[allow('*', '*', { Condition: { BinaryEquals: { 'aws:x': 'QQ==' } } })]], request: request('iotanalytics:DescribeChannel'), expected: implicit('identity-based') },
  { name: 'an unsupported operator always denies', identity: [[allow('*'), deny('*', '*', { Condition: { BinaryEquals: { 'aws:x': 'QQ==' } } })]], request: request('iotanalytics:DescribeChannel'), expected: explicit('identity-based') },
];

describe('policy evaluation', () => {
  for (const c of cases) {
    it(c.name, () => {
      const decision = evaluate(c.request, {
        identity: c.identity.map((s) => policy(s)),
        session: c.session?.map((s) => policy(s, 'session')),
      });
      assert.deepEqual(decision, c.expected);
    });
  }
});

const USER = `arn:aws:iam::${ACCT}:user/alice`;
const alice: PrincipalFacts = { accountId: ACCT, arns: [USER] };
const session: PrincipalFacts = { accountId: ACCT, arns: [`arn:aws:sts::${ACCT}:assumed-role/ops/s1`, `arn:aws:iam::${ACCT}:role/ops`] };
const trust = (principal: unknown, extra: object = {}, effect = 'Allow') => ({ Effect: effect, Principal: principal, Action: 'sts:AssumeRole', ...extra });

const trustCases: { name: string; statements: object[]; who: PrincipalFacts; context?: Record<string, string[]>; expected: TrustGrant }[] = [
  { name: 'the account root ARN grants to the account', statements: [trust({ AWS: `arn:aws:iam::${ACCT}:root` })], who: alice, expected: 'account' },
  { name: 'a bare account id grants to the account', statements: [trust({ AWS: ACCT })], who: alice, expected: 'account' },
  { name: 'a user ARN names that user', statements: [trust({ AWS: USER })], who: alice, expected: 'named' },
  { name: 'a role ARN names the sessions of that role', statements: [trust({ AWS: `arn:aws:iam::${ACCT}:role/ops` })], who: session, expected: 'named' },
  { name: 'another user is not granted', statements: [trust({ AWS: `arn:aws:iam::${ACCT}:user/bob` })], who: alice, expected: 'none' },
  { name: 'another account is not granted', statements: [trust({ AWS: '210987654321' })], who: alice, expected: 'none' },
  { name: 'a service principal grants nothing to users', statements: [trust({ Service: 'iotanalytics.amazonaws.com' })], who: alice, expected: 'none' },
  { name: '"*" grants to the account only', statements: [trust('*')], who: alice, expected: 'account' },
  { name: 'an ExternalId condition that holds', statements: [trust({ AWS: USER }, { Condition: { StringEquals: { 'sts:ExternalId': 'x-1' } } })], who: alice, context: { 'sts:externalid': ['x-1'] }, expected: 'named' },
  { name: 'an ExternalId condition without the id', statements: [trust({ AWS: USER }, { Condition: { StringEquals: { 'sts:ExternalId': 'x-1' } } })], who: alice, expected: 'none' },
  { name: 'a Deny naming the caller wins', statements: [trust({ AWS: ACCT }), trust({ AWS: USER }, {}, 'Deny')], who: alice, expected: 'denied' },
  { name: 'a Deny naming someone else does not apply', statements: [trust({ AWS: ACCT }), trust({ AWS: `arn:aws:iam::${ACCT}:user/bob` }, {}, 'Deny')], who: alice, expected: 'account' },
  { name: 'another action is not granted', statements: [{ Effect: 'Allow', Principal: { AWS: USER }, Action: 'sts:TagSession' }], who: alice, expected: 'none' },
];

describe('trust policy evaluation', () => {
  for (const c of trustCases) {
    it(c.name, () => {
      const facts: RequestFacts = { action: 'sts:AssumeRole', resource: `arn:aws:iam::${ACCT}:role/ops`, context: c.context ?? {} };
      assert.equal(evaluateTrust(policy(c.statements, 'trust'), facts, c.who), c.expected);
    });
  }
});
