// Checks an action's documentation against a family's members (traffic providers, later notification senders): each
// member's inputs declared in action.yml with the member's default and shown in the README, each member shown being
// picked, and no input in action.yml that neither the action itself nor any member reads. Structural types, so the
// testkit depends on no domain package.

/** What the check needs of a member's descriptor. */
export interface FamilyMember {
  name: string;
  inputs: ReadonlyArray<{ name: string; default?: string }>;
}

export interface ActionDocs {
  /** action.yml's inputs: name and default ('' when it declares none). */
  declared: ReadonlyArray<{ name: string; default: string }>;
  readme: string;
  /** The inputs the action reads itself, outside the family (target, verify-url...). */
  ownInputs: readonly string[];
  /** What the README shows when a member is picked, e.g. `provider: haproxy`. */
  picking: (member: string) => string;
}

/** Every mismatch, one line each naming the input or member and the fix; [] when the docs match the family. */
export function familyDocsProblems(members: readonly FamilyMember[], docs: ActionDocs): string[] {
  const problems: string[] = [];
  const declared = new Map(docs.declared.map((input) => [input.name, input.default]));
  for (const member of members) {
    if (!docs.readme.includes(docs.picking(member.name))) {
      problems.push(`${member.name}: the README never shows '${docs.picking(member.name)}'; give it a section`);
    }
    for (const input of member.inputs) {
      const wanted = input.default ?? '';
      const written = declared.get(input.name);
      if (written === undefined) {
        problems.push(`${input.name} (${member.name}): not in action.yml; declare it with default '${wanted}'`);
      } else if (written !== wanted) {
        problems.push(`${input.name} (${member.name}): action.yml's default '${written}' is not '${wanted}'`);
      }
      if (!docs.readme.includes(`\`${input.name}\``)) {
        problems.push(`${input.name} (${member.name}): not in the README; regenerate its Inputs table`);
      }
    }
  }
  const read = new Set([...docs.ownInputs, ...members.flatMap((member) => member.inputs.map((input) => input.name))]);
  for (const input of docs.declared) {
    if (!read.has(input.name)) {
      problems.push(
        `${input.name}: declared in action.yml, but neither the action nor any member reads it; remove it, or add ` +
          "it to a member's inputs or to the action's own",
      );
    }
  }
  return problems;
}
