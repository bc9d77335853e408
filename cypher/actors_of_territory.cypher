// Actors of a territory and of every territory inside it, from the widest tier to the most local.
// params: dataset (dataset name, e.g. three-borders), territory (territory id, e.g. t-fr-cc-bouzonvillois-trois-frontieres)
MATCH (t:Territory {dataset: $dataset, id: $territory})
MATCH (inner:Territory {dataset: $dataset})-[:PART_OF*0..]->(t)
MATCH (a:Actor {dataset: $dataset})-[:GOVERNS]->(inner)
OPTIONAL MATCH (a)-[:AT_LEVEL]->(l:Level)
WITH DISTINCT a, l, inner,
     CASE l.tier WHEN 'supranational' THEN 0 WHEN 'national' THEN 1 WHEN 'regional' THEN 2
       WHEN 'intermediate' THEN 3 WHEN 'intermunicipal' THEN 4 WHEN 'local' THEN 5 ELSE 6 END AS rank
RETURN a.id AS actor, a.name AS name, a.kind AS kind, l.name AS level, l.tier AS tier,
       inner.id AS territory
ORDER BY rank, level, name, actor
