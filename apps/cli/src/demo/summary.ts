import { LEVELS_OF_NEED } from '@windscreen/case-journey/domain';
import type { DemoFamily } from './scenario';

/** What the generated population looks like, by the generator's own account. */
export function summarise() {
  let families = 0;
  let children = 0;
  let closed = 0;
  const byArea = new Map<string, number>();
  const byTeam = new Map<string, number>();
  const openByLevel = new Map<string, number>();
  const count = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  const list = (map: Map<string, number>, sorted = true) =>
    [...map]
      .sort(([a], [b]) => (sorted ? a.localeCompare(b) : 0))
      .map(([key, n]) => `${key} ${n.toLocaleString('en-GB')}`)
      .join(', ');
  return {
    add(family: DemoFamily): void {
      const n = family.children.length;
      families++;
      children += n;
      count(byArea, family.area, n);
      count(byTeam, family.team, n);
      if (family.final.open) count(openByLevel, family.final.level ?? 'not yet assessed', n);
      else closed += n;
    },
    lines(): string[] {
      const open = children - closed;
      const levels = new Map(
        [...LEVELS_OF_NEED, 'not yet assessed']
          .filter((level) => openByLevel.has(level))
          .map((level) => [level, openByLevel.get(level)!]),
      );
      return [
        `population: ${children.toLocaleString('en-GB')} children in ${families.toLocaleString('en-GB')} families (${list(byArea)}; teams ${list(byTeam)})`,
        `at the end: ${open.toLocaleString('en-GB')} open cases (${list(levels, false)}), ${closed.toLocaleString('en-GB')} closed`,
      ];
    },
  };
}
