// Who holds a competence (or a narrower one) around an actor, on each side of the border.
// "Around" = the actor's territory, the territories inside it, the territories that border any of
// them, and every territory that contains one of those (PART_OF). Nearest first: own side, then
// by tier from the most local.
// params: dataset (dataset name), actor (actor id, e.g. fr-cc-bouzonvillois-trois-frontieres), competence (competence id, e.g. public_transport)
MATCH (a:Actor {dataset: $dataset, id: $actor})-[:GOVERNS]->(t0:Territory)
MATCH (c:Competence {dataset: $dataset, id: $competence})
MATCH (seed:Territory {dataset: $dataset})-[:PART_OF*0..]->(t0)
OPTIONAL MATCH (seed)-[:BORDERS]-(neighbour:Territory)
WITH a, c, collect(DISTINCT seed) + collect(DISTINCT neighbour) AS near
UNWIND near AS n
MATCH (n)-[:PART_OF*0..]->(served:Territory)
WITH DISTINCT a, c, served
MATCH (h:Actor {dataset: $dataset})-[:GOVERNS]->(served)
MATCH (h)-[hold:HOLDS]->(held:Competence)-[:BROADER*0..]->(c)
OPTIONAL MATCH (h)-[:AT_LEVEL]->(l:Level)
WITH DISTINCT a, h, l, held, hold,
     CASE l.tier WHEN 'local' THEN 0 WHEN 'intermunicipal' THEN 1 WHEN 'intermediate' THEN 2
       WHEN 'regional' THEN 3 WHEN 'national' THEN 4 WHEN 'supranational' THEN 5 ELSE 6 END AS rank
RETURN h.id AS holder, h.name AS name, h.countries AS countries,
       any(x IN h.countries WHERE x IN a.countries) AS same_side,
       l.name AS level, l.tier AS tier, held.id AS competence, hold.role AS role,
       hold.provenance AS provenance, hold.legal_basis AS legal_basis, hold.source AS source
ORDER BY same_side DESC, rank, holder, competence
