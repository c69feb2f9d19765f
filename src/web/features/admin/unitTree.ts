import type { Unit } from '../../api/types';
import { foldForSearch } from '../../format';

export interface UnitTreeNode {
  key: number;
  title: string;
  unit: Unit;
  children: UnitTreeNode[];
}

/**
 * The unit tree for antd Tree. With a filter, keeps the matching units (diacritics ignored)
 * and the ancestors that lead to them.
 */
export function buildUnitTree(units: readonly Unit[], filter = ''): UnitTreeNode[] {
  const folded = foldForSearch(filter);
  const matches = (u: Unit) => !folded || foldForSearch(`${u.code} ${u.name}`).includes(folded);
  const keep = new Set<number>();
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const u of units) {
    if (!matches(u)) continue;
    for (
      let cur: Unit | undefined = u;
      cur && !keep.has(cur.id);
      cur = cur.parentId ? byId.get(cur.parentId) : undefined
    )
      keep.add(cur.id);
  }
  const nodes = new Map<number, UnitTreeNode>();
  for (const u of units)
    if (keep.has(u.id))
      nodes.set(u.id, {
        key: u.id,
        title: u.active === false ? `${u.name} (${u.code}) †` : `${u.name} (${u.code})`,
        unit: u,
        children: [],
      });
  const roots: UnitTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  sortTree(roots);
  return roots;
}

const KIND_ORDER = ['authority', 'department', 'district', 'ward', 'commune', 'division'];

/** Authorities, then departments, districts, communes, divisions; each in the order they were created (the official list's order). */
function sortTree(nodes: UnitTreeNode[]): void {
  nodes.sort((a, b) => KIND_ORDER.indexOf(a.unit.kind) - KIND_ORDER.indexOf(b.unit.kind) || a.unit.id - b.unit.id);
  for (const n of nodes) sortTree(n.children);
}

/** Every key of the tree (to expand all the matches of a filter). */
export function allKeys(nodes: UnitTreeNode[]): number[] {
  return nodes.flatMap((n) => [n.key, ...allKeys(n.children)]);
}
