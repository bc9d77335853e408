// Is there cooperation between two counterparts, and who could broker it? The check behind
// `govgraph gaps --kind missing_dialogue`: the shortest chain of memberships, cooperation,
// funding, supervision or shared initiatives between the two actors (up to 4 steps; a gap when
// there is none or it is longer than 2), and the brokers: actors and initiatives within 2 steps
// of both, nearest first (then by id). Find strong counterparts with counterpart_candidates.
// params: dataset (dataset name), from (actor id, e.g. fr-cc-bouzonvillois-trois-frontieres), to (actor id, e.g. de-vg-saarburg-kell)
MATCH (a:Actor {dataset: $dataset, id: $from}), (b:Actor {dataset: $dataset, id: $to})
OPTIONAL MATCH p = shortestPath(
  (a)-[:MEMBER_OF|COOPERATES_WITH|PARTICIPATES_IN|FUNDS|SUPERVISED_BY|EXERCISES*..4]-(b))
WITH a, b, length(p) AS steps
OPTIONAL MATCH pa = (a)-[:MEMBER_OF|COOPERATES_WITH|PARTICIPATES_IN|FUNDS|SUPERVISED_BY|EXERCISES*1..2]-(n)
WHERE n <> a AND n <> b AND n.dataset = $dataset
WITH a, b, steps, n, min(length(pa)) AS da
OPTIONAL MATCH pb = (b)-[:MEMBER_OF|COOPERATES_WITH|PARTICIPATES_IN|FUNDS|SUPERVISED_BY|EXERCISES*1..2]-(n)
WITH steps, n, da, min(length(pb)) AS db
WITH steps, n, da, db ORDER BY da + db, n.id
WITH steps, [x IN collect(CASE WHEN db IS NULL THEN null ELSE
       {broker: n.id, name: n.name, steps_from: da, steps_to: db} END) WHERE x IS NOT NULL] AS brokers
RETURN steps AS path_length, steps IS NULL OR steps > 2 AS missing_dialogue, brokers
