export function DocumentListPage() {
  return null;
}
