// An invalid schedule expression. EventBridge answers every one with the
// same sentence ("Parameter ScheduleExpression is not valid."); the reason
// is appended so the user can fix it [decided, docs/FIDELITY.md].
export class ScheduleExpressionError extends Error {
  constructor(readonly reason: string) {
    super(`Parameter ScheduleExpression is not valid. ${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`);
    this.name = 'ScheduleExpressionError';
  }
}
