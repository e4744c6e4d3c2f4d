// lateDataRules: after a version's window was queried, rows whose event time
// falls inside that window can still arrive (the window was closed with
// `offsetSeconds` of slack only). IoT Analytics then sends an EventBridge
// notification naming the versions that received late data so the user can
// recompute them. This is the detection step: which versions' windows the
// newly arrived rows' event times fall in.
import type { DeltaWindow } from './delta-window.ts';

export interface VersionWindow {
  versionId: string;
  window: DeltaWindow;
}

/** Version ids whose window contains at least one of `eventTimes`, in window order. */
export function versionsWithLateData(versions: readonly VersionWindow[], eventTimes: readonly Date[]): string[] {
  // Windows are contiguous and do not overlap, so once empty ones are set
  // aside, the only candidate for a time is the last window starting at or
  // before it.
  const windows = versions
    .filter((v) => v.window.start === null || v.window.start < v.window.end)
    .sort((a, b) => startMs(a.window) - startMs(b.window));
  const hit = new Set<string>();
  for (const time of eventTimes) {
    const t = time.getTime();
    let lo = 0;
    let hi = windows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (startMs(windows[mid].window) <= t) lo = mid + 1;
      else hi = mid - 1;
    }
    const candidate = windows[hi];
    if (candidate && t < candidate.window.end.getTime()) hit.add(candidate.versionId);
  }
  return windows.filter((v) => hit.has(v.versionId)).map((v) => v.versionId);
}

function startMs(window: DeltaWindow): number {
  return window.start?.getTime() ?? -Infinity;
}
