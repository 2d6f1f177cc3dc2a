export function MatchingPage() {
  return <h1 className="utrecht-heading-1">MatchingPage</h1>;
}
