// Writes a typed output as awsQuery XML by walking the model: members in model
// order under their (xml)names, lists as <Name><member>…</member></Name>
// (repeated <Name> when xmlFlattened), maps as <entry><key/><value/></entry>,
// timestamps as ISO-8601, blobs as base64.
import type { Member, Shape } from '../model/shapes.ts';
import type { TimestampFormat } from './timestamps.ts';
import { formatTimestamp } from './timestamps.ts';
import type { XmlWriter } from './xml-writer.ts';

function xmlName(member: Member, fallback: string): string {
  return (member.traits['smithy.api#xmlName'] as string | undefined) ?? fallback;
}

export function writeStructureXml(xml: XmlWriter, value: Record<string, unknown>, shape: Shape): void {
  for (const member of shape.members) {
    const v = value[member.name];
    if (v === undefined || v === null) continue;
    writeMemberXml(xml, xmlName(member, member.name), v, member);
  }
}

function writeMemberXml(xml: XmlWriter, name: string, value: unknown, member: Member): void {
  const target = member.target;
  switch (target.type) {
    case 'structure':
    case 'union': {
      const fields = value as Record<string, unknown>;
      if (target.members.every((m) => fields[m.name] === undefined || fields[m.name] === null)) {
        xml.empty(name);
        return;
      }
      xml.open(name);
      writeStructureXml(xml, fields, target);
      xml.close(name);
      return;
    }
    case 'list':
    case 'set': {
      const items = (value as unknown[]).filter((item) => item !== undefined && item !== null);
      const element = target.listMember;
      if (member.has('smithy.api#xmlFlattened')) {
        for (const item of items) writeMemberXml(xml, name, item, element);
        return;
      }
      if (items.length === 0) {
        xml.empty(name);
        return;
      }
      xml.open(name);
      for (const item of items) writeMemberXml(xml, xmlName(element, 'member'), item, element);
      xml.close(name);
      return;
    }
    case 'map': {
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
      const flattened = member.has('smithy.api#xmlFlattened');
      if (!flattened) xml.open(name);
      for (const [key, v] of entries) {
        xml.open(flattened ? name : 'entry');
        writeMemberXml(xml, xmlName(target.mapKey, 'key'), key, target.mapKey);
        writeMemberXml(xml, xmlName(target.mapValue, 'value'), v, target.mapValue);
        xml.close(flattened ? name : 'entry');
      }
      if (!flattened) xml.close(name);
      return;
    }
    default:
      xml.text(name, scalarText(value, member));
  }
}

function scalarText(value: unknown, member: Member): string {
  const type = member.target.type;
  if (type === 'timestamp') {
    const format = member.trait<TimestampFormat>('smithy.api#timestampFormat') ?? 'date-time';
    // AWS writes whole seconds without a fraction (IAM's CreateDate) and keeps
    // milliseconds when there are some (STS's Expiration).
    return String(formatTimestamp(value as Date, format)).replace('.000Z', 'Z');
  }
  if (type === 'blob') return Buffer.from(value as Uint8Array).toString('base64');
  return String(value);
}
