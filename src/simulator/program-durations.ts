/**
 * How long programs typically run on real appliances, for the simulator. Profiles do not say:
 * the appliance computes RemainingProgramTime itself once a program starts. Figures are the
 * usual manufacturer program tables for the default options, rounded to whole minutes.
 */

const MIN = 60;
const HOUR = 3600;

/** Full program key → seconds. */
const BY_KEY: ReadonlyMap<string, number> = new Map([
  // Dishwashers
  ['Dishcare.Dishwasher.Program.Eco50', 3 * HOUR + 55 * MIN],
  ['Dishcare.Dishwasher.Program.Auto1', 1 * HOUR + 50 * MIN],
  ['Dishcare.Dishwasher.Program.Auto2', 2 * HOUR + 15 * MIN],
  ['Dishcare.Dishwasher.Program.Auto3', 2 * HOUR + 35 * MIN],
  ['Dishcare.Dishwasher.Program.Intensiv70', 2 * HOUR + 35 * MIN],
  ['Dishcare.Dishwasher.Program.Intensiv45', 2 * HOUR + 10 * MIN],
  ['Dishcare.Dishwasher.Program.Glas40', 1 * HOUR + 50 * MIN],
  ['Dishcare.Dishwasher.Program.Quick45', 45 * MIN],
  ['Dishcare.Dishwasher.Program.Quick65', 1 * HOUR],
  ['Dishcare.Dishwasher.Program.Kurz60', 1 * HOUR + 5 * MIN],
  ['Dishcare.Dishwasher.Program.NightWash', 3 * HOUR + 30 * MIN],
  ['Dishcare.Dishwasher.Program.PreRinse', 15 * MIN],
  ['Dishcare.Dishwasher.Program.MachineCare', 2 * HOUR],
  // Washers
  ['LaundryCare.Washer.Program.Cotton', 3 * HOUR],
  ['LaundryCare.Washer.Program.Cotton.CottonEco', 3 * HOUR + 30 * MIN],
  ['LaundryCare.Washer.Program.EasyCare', 1 * HOUR + 55 * MIN],
  ['LaundryCare.Washer.Program.Mix', 1 * HOUR + 10 * MIN],
  ['LaundryCare.Washer.Program.DelicatesSilk', 41 * MIN],
  ['LaundryCare.Washer.Program.Wool', 39 * MIN],
  ['LaundryCare.Washer.Program.DrumClean', 2 * HOUR + 5 * MIN],
  ['LaundryCare.Washer.Program.Rinse', 31 * MIN],
  ['LaundryCare.Washer.Program.Spin', 15 * MIN],
  ['LaundryCare.Washer.Program.Quick15', 15 * MIN],
  ['LaundryCare.Washer.Program.Super153045.Super15', 15 * MIN],
  ['LaundryCare.Washer.Program.Super153045.Super1530', 30 * MIN],
  ['LaundryCare.Washer.Program.Sensitive', 2 * HOUR + 10 * MIN],
  ['LaundryCare.Washer.Program.Towels', 2 * HOUR + 30 * MIN],
  ['LaundryCare.Washer.Program.Shirts', 1 * HOUR + 20 * MIN],
  ['LaundryCare.Washer.Program.Outdoor', 1 * HOUR + 30 * MIN],
  ['LaundryCare.Washer.Program.DownDuvet.Duvet', 2 * HOUR],
  // Dryers
  ['LaundryCare.Dryer.Program.Cotton', 2 * HOUR + 30 * MIN],
  ['LaundryCare.Dryer.Program.Synthetic', 1 * HOUR + 30 * MIN],
  ['LaundryCare.Dryer.Program.Mix', 1 * HOUR + 40 * MIN],
  ['LaundryCare.Dryer.Program.Towels', 2 * HOUR + 45 * MIN],
  ['LaundryCare.Dryer.Program.Shirts15', 15 * MIN],
  ['LaundryCare.Dryer.Program.Super40', 40 * MIN],
  ['LaundryCare.Dryer.Program.Delicates', 1 * HOUR],
  ['LaundryCare.Dryer.Program.Wool', 1 * HOUR],
  ['LaundryCare.Dryer.Program.TimeWarm', 30 * MIN],
  ['LaundryCare.Dryer.Program.TimeCold', 30 * MIN],
  ['LaundryCare.Dryer.Program.Refresh', 20 * MIN],
  ['LaundryCare.Dryer.Program.Blankets', 2 * HOUR + 15 * MIN],
  // Ovens (when no Duration is given)
  ['Cooking.Oven.Program.Cleaning.Pyrolysis', 2 * HOUR],
  ['Cooking.Oven.Program.HeatingMode.PreHeating', 10 * MIN],
  ['Cooking.Oven.Program.HeatingMode.PizzaSetting', 20 * MIN],
]);

/** Families whose programs the table does not list one by one (longest prefix wins). */
const BY_PREFIX: ReadonlyArray<readonly [string, number]> = [
  // Saved favourites of washers and dryers: a typical full wash or dry.
  ['LaundryCare.Common.Program.Memory', 2 * HOUR],
  ['LaundryCare.Washer.Program.', 2 * HOUR],
  ['LaundryCare.Dryer.Program.', 2 * HOUR],
  ['LaundryCare.WasherDryer.Program.', 3 * HOUR],
  ['Dishcare.Dishwasher.Program.', 2 * HOUR + 30 * MIN],
  // A beverage is ready in about a minute; cleaning programs take longer.
  ['ConsumerProducts.CoffeeMaker.Program.Beverage.', 1 * MIN],
  ['ConsumerProducts.CoffeeMaker.Program.CleaningModes.', 20 * MIN],
  ['ConsumerProducts.CoffeeMaker.Program.', 1 * MIN],
  ['ConsumerProducts.CleaningRobot.Program.', 1 * HOUR],
  // Ovens without a Duration option: an hour of baking; a hood runs for a while.
  ['Cooking.Oven.Program.', 1 * HOUR],
  ['Cooking.Common.Program.Hood.', 1 * HOUR],
  ['Cooking.Hob.Program.', 30 * MIN],
  ['BSH.Common.Program.Favorite.', 1 * HOUR],
];

/** Typical run time of a program in seconds, or undefined when nothing is known about it. */
export function typicalDurationS(programKey: string | undefined): number | undefined {
  if (!programKey) return undefined;
  const exact = BY_KEY.get(programKey);
  if (exact !== undefined) return exact;
  let best: readonly [string, number] | undefined;
  for (const entry of BY_PREFIX) {
    if (programKey.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1];
}
