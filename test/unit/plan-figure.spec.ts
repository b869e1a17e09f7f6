import * as assert from 'assert';
import * as fs from 'fs';
import { FIGURE_FILE, makeFigure } from '../docs/plan-figure';

describe('README smart-start picture', () => {
  it('docs/smart-start-plan.svg is what the planner makes of the sample series (npm run docs:figure)', () => {
    const svg = makeFigure();
    assert.match(svg, /chosen window 02:00–05:00/);
    assert.strictEqual(fs.readFileSync(FIGURE_FILE, 'utf8'), svg, 'regenerate with npm run docs:figure');
  });
});
