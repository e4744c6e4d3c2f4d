// CloudTrail writes every time as UTC seconds with a `Z` (eventTime,
// sessionContext creationDate, timestamps inside request parameters and
// response elements), e.g. 2024-05-01T12:00:03Z.

export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
