// A reason a version ends FAILED that the user can act on (a query error, a
// container's exit, an unmapped image): it becomes status.reason as it is.
export class ContentFailure extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ContentFailure';
  }
}
