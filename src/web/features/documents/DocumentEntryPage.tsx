export function DocumentEntryPage() {
  return null;
}
