// The shortest cooperation paths between two actors: chains of memberships, cooperation,
// funding, supervision and shared initiatives, up to 6 steps, in any direction.
// params: dataset (dataset name), from (actor id, e.g. fr-bouzonville), to (actor id, e.g. de-perl)
MATCH (a:Actor {dataset: $dataset, id: $from}), (b:Actor {dataset: $dataset, id: $to})
MATCH p = allShortestPaths(
  (a)-[:MEMBER_OF|COOPERATES_WITH|PARTICIPATES_IN|FUNDS|SUPERVISED_BY|EXERCISES*..6]-(b))
WHERE all(n IN nodes(p) WHERE n.dataset = $dataset)
RETURN [n IN nodes(p) | n.id] AS path, [r IN relationships(p) | type(r)] AS types,
       length(p) AS steps
ORDER BY path
