export { readSeries, toEpochMs, MAX_SERIES_SLOTS, SERIES_SHAPES, type Slot } from './series';
export { planStart, MAX_CANDIDATES, type Objective, type Plan, type PlanInput, type PlanSlot } from './plan';
export { nextWallTime, parseDuration, parseTimeSpec, localTimeZone, zonedTime } from './times';
export {
  SmartStarter,
  planSummary,
  planTimes,
  type SmartPlan,
  type SmartStartEvent,
  type SmartStartRequest,
  type SmartStartTarget,
} from './smart-start';
