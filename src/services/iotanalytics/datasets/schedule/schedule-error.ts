// Why a schedule expression is not valid. AWS's wording is not published for
// IoT Analytics; the control plane puts this reason into its
// InvalidRequestException text (docs/FIDELITY.md, "Messages we had to word").
export class ScheduleExpressionError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ScheduleExpressionError';
  }
}
