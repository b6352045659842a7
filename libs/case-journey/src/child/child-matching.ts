import type { ChildDetails } from './child.decider';

/**
 * R42: on a new contact, the children already recorded who are likely the same child: the same
 * date of birth (or expected date of birth) and a similar name. Names are compared as a person
 * would: without case, accents, hyphens or apostrophes, a common short form as the full name
 * (Alex and Alexander), and a typing slip forgiven.
 */
export interface MatchCandidate {
  childId: string;
  details: Pick<ChildDetails, 'givenName' | 'familyName' | 'dateOfBirth' | 'expectedDateOfBirth'>;
}

export interface LikelyMatch {
  childId: string;
  /** What matched, for the worker to judge. */
  reasons: (
    | 'date_of_birth'
    | 'expected_date_of_birth'
    | 'given_name'
    | 'family_name'
    | 'given_name_similar'
    | 'family_name_similar'
  )[];
}

/** A name as compared: lower case, without accents, hyphens, apostrophes or repeated spaces. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[-‐‑'’`.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Common English short forms, each to the name it is short for. */
const SHORT_FORMS: Record<string, string> = {
  alex: 'alexander',
  sasha: 'alexander',
  ali: 'alistair',
  andy: 'andrew',
  ben: 'benjamin',
  beth: 'elizabeth',
  liz: 'elizabeth',
  lizzie: 'elizabeth',
  bob: 'robert',
  rob: 'robert',
  bobby: 'robert',
  charlie: 'charles',
  chris: 'christopher',
  dan: 'daniel',
  danny: 'daniel',
  dave: 'david',
  ed: 'edward',
  eddie: 'edward',
  ellie: 'eleanor',
  freddie: 'frederick',
  fred: 'frederick',
  harry: 'henry',
  izzy: 'isabella',
  bella: 'isabella',
  jack: 'john',
  jim: 'james',
  jimmy: 'james',
  jamie: 'james',
  jess: 'jessica',
  jo: 'joanne',
  joe: 'joseph',
  kate: 'katherine',
  katie: 'katherine',
  kat: 'katherine',
  leo: 'leonardo',
  maddie: 'madison',
  matt: 'matthew',
  meg: 'margaret',
  mike: 'michael',
  mick: 'michael',
  nat: 'natalie',
  nick: 'nicholas',
  olly: 'oliver',
  ollie: 'oliver',
  pat: 'patrick',
  sam: 'samuel',
  sammy: 'samuel',
  steve: 'stephen',
  tom: 'thomas',
  tommy: 'thomas',
  toby: 'tobias',
  will: 'william',
  bill: 'william',
  billy: 'william',
  zach: 'zachary',
};

const fullForm = (name: string) => SHORT_FORMS[name] ?? name;

/** Edits (a letter added, dropped, changed, or two swapped) from one name to the other, at most `limit`. */
function withinEdits(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  const distance = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      distance[i][j] = Math.min(distance[i - 1][j] + 1, distance[i][j - 1] + 1, distance[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance[i][j] = Math.min(distance[i][j], distance[i - 2][j - 2] + 1);
    }
  }
  return distance[a.length][b.length] <= limit;
}

type NameMatch = 'same' | 'similar' | 'different';

function compareNames(a: string, b: string): NameMatch {
  const left = normalizeName(a);
  const right = normalizeName(b);
  if (left === right || left.replaceAll(' ', '') === right.replaceAll(' ', '')) return 'same';
  const leftParts = left.split(' ');
  const rightParts = right.split(' ');
  // A double-barrelled or two-part name shares a part with the other (Smith-Jones and Smith).
  if (leftParts.some((part) => rightParts.includes(part)) || fullForm(leftParts[0]) === fullForm(rightParts[0]))
    return 'similar';
  // One slip in a short name, two in a long one.
  return withinEdits(left, right, Math.min(left.length, right.length) >= 7 ? 2 : 1) ? 'similar' : 'different';
}

/**
 * The candidates likely to be the child: the same date of birth and at least one name the same or
 * similar (the family name may have changed; the given name may be a short form or misspelt).
 */
export function likelyMatches(child: MatchCandidate['details'], candidates: readonly MatchCandidate[]): LikelyMatch[] {
  const matches: LikelyMatch[] = [];
  for (const candidate of candidates) {
    const reasons: LikelyMatch['reasons'] = [];
    if (child.dateOfBirth && child.dateOfBirth === candidate.details.dateOfBirth) reasons.push('date_of_birth');
    else if (child.expectedDateOfBirth && child.expectedDateOfBirth === candidate.details.expectedDateOfBirth)
      reasons.push('expected_date_of_birth');
    else continue;
    const given = compareNames(child.givenName, candidate.details.givenName);
    const family = compareNames(child.familyName, candidate.details.familyName);
    if (given === 'different' && family === 'different') continue;
    if (given !== 'different') reasons.push(given === 'same' ? 'given_name' : 'given_name_similar');
    if (family !== 'different') reasons.push(family === 'same' ? 'family_name' : 'family_name_similar');
    matches.push({ childId: candidate.childId, reasons });
  }
  // The closest first: both names before one, the same before similar.
  const weight = (match: LikelyMatch) =>
    match.reasons.reduce((sum, reason) => sum + (reason.endsWith('_similar') ? 1 : reason.endsWith('name') ? 2 : 0), 0);
  return matches.sort((a, b) => weight(b) - weight(a));
}
