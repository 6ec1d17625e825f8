// The docs check every family's action runs: what it reports when action.yml or the README drift from the members.
import { describe, expect, it } from '@jest/globals';
import { familyDocsProblems, type ActionDocs } from '@actions-kit/testkit';

const members = [
  { name: 'alpha', inputs: [{ name: 'alpha-url' }, { name: 'alpha-timeout', default: '30s' }] },
  { name: 'beta', inputs: [{ name: 'beta-file' }] },
];
const docs: ActionDocs = {
  declared: [
    { name: 'member', default: '' },
    { name: 'alpha-url', default: '' },
    { name: 'alpha-timeout', default: '30s' },
    { name: 'beta-file', default: '' },
  ],
  readme: 'member: alpha\nmember: beta\n`alpha-url` `alpha-timeout` `beta-file`',
  ownInputs: ['member'],
  picking: (name) => `member: ${name}`,
};

describe('familyDocsProblems', () => {
  it('finds nothing when action.yml and the README match the members', () => {
    expect(familyDocsProblems(members, docs)).toEqual([]);
  });

  it("names a default that differs from the member's, and an input nothing reads", () => {
    const drifted = {
      ...docs,
      declared: [
        ...docs.declared.filter((input) => input.name !== 'alpha-timeout'),
        { name: 'alpha-timeout', default: '1m' },
        { name: 'gamma-token', default: '' },
      ],
    };
    expect(familyDocsProblems(members, drifted)).toEqual([
      "alpha-timeout (alpha): action.yml's default '1m' is not '30s'",
      "gamma-token: declared in action.yml, but neither the action nor any member reads it; remove it, or add it to a member's inputs or to the action's own",
    ]);
  });
});
