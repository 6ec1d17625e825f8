import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { AnnotationBudget, type Annotation } from '../src/annotations.js';
import { type FakeRunner, fakeRunner, lines } from '@actions-kit/testkit';

let runner: FakeRunner;
beforeEach(() => {
  runner = fakeRunner();
});
afterEach(() => runner.restore());

describe('AnnotationBudget', () => {
  it('prints 10 of each level by default and counts the rest', () => {
    const budget = new AnnotationBudget();
    const printed = { error: 0, warning: 0, notice: 0 };
    for (let i = 0; i < 13; i++) if (budget.error(`e${i}`)) printed.error++;
    for (let i = 0; i < 11; i++) if (budget.warning(`w${i}`)) printed.warning++;
    for (let i = 0; i < 4; i++) if (budget.notice(`n${i}`)) printed.notice++;
    expect(printed).toEqual({ error: 10, warning: 10, notice: 4 });
    expect(budget.omitted()).toEqual({ error: 3, warning: 1, notice: 0 });
    const output = lines(runner.stdout());
    expect(output).toHaveLength(24);
    expect(output.filter((line) => line.startsWith('::error::'))).toHaveLength(10);
    expect(output[9]).toBe('::error::e9');
    expect(output[10]).toBe('::warning::w0');
    expect(budget.omittedNote()).toBe('3 errors, 1 warning not shown as annotations (the limit per step was reached).');
  });

  it('takes other limits, and says nothing when nothing was left out', () => {
    const budget = new AnnotationBudget({ error: 1, notice: 0 });
    expect(budget.error('first')).toBe(true);
    expect(budget.error('second')).toBe(false);
    expect(budget.notice('n')).toBe(false);
    expect(budget.warning('w')).toBe(true);
    expect(budget.omitted()).toEqual({ error: 1, warning: 0, notice: 1 });
    expect(new AnnotationBudget().omittedNote()).toBe('');
  });

  it('hands annotations to the printer it is given, building only those it prints', () => {
    const printed: Annotation[] = [];
    const budget = new AnnotationBudget({ warning: 2 }, (annotation) => printed.push(annotation));
    const built: number[] = [];
    for (let i = 0; i < 5; i++) {
      budget.annotate('warning', () => {
        built.push(i);
        return { message: `w${i}`, properties: { file: `f${i}.py`, startLine: i + 1 } };
      });
    }
    budget.notice('n', { title: 't' });

    expect(printed).toEqual([
      { level: 'warning', message: 'w0', properties: { file: 'f0.py', startLine: 1 } },
      { level: 'warning', message: 'w1', properties: { file: 'f1.py', startLine: 2 } },
      { level: 'notice', message: 'n', properties: { title: 't' } },
    ]);
    expect(built).toEqual([0, 1]);
    expect(budget.omitted()).toEqual({ error: 0, warning: 3, notice: 0 });
    expect(runner.stdout()).toBe('');
  });

  it('writes the runner properties, escaped, in the order @actions/core writes them', () => {
    const budget = new AnnotationBudget();
    budget.warning('Unused variable', {
      title: 'lint: no-unused-vars, error',
      file: 'src/a,b.ts',
      startLine: 3,
      endLine: 4,
      startColumn: 5,
      endColumn: 9,
    });
    expect(runner.stdout()).toBe(
      '::warning title=lint%3A no-unused-vars%2C error,file=src/a%2Cb.ts,line=3,endLine=4,col=5,endColumn=9::Unused variable\n',
    );
  });

  it.each([
    ['::error::pwned', '::error::::error::pwned'],
    ['%0A::add-mask::x', '::error::%250A::add-mask::x'],
    ['line one\n::add-mask::x', '::error::line one%0A::add-mask::x'],
    ['</details><img src=x onerror=alert(1)>', '::error::</details><img src=x onerror=alert(1)>'],
    ['@org/team', '::error::@org/team'],
  ])('keeps the hostile message %j inside one command line', (message, line) => {
    new AnnotationBudget().error(message, { title: message });
    const output = lines(runner.stdout());
    expect(output).toHaveLength(1);
    const title = message.replace(/%/g, '%25').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
    expect(output[0]).toBe(line.replace('::error::', `::error title=${title}::`));
  });
});
