// Counterpart candidates for an actor in another country: actors of that country around the actor
// (as in competence_holders_around), ranked by the number of competences both hold, then by how
// close their tiers are.
// params: dataset (dataset name), actor (actor id), country (ISO code of the other side, e.g. DE)
MATCH (a:Actor {dataset: $dataset, id: $actor})-[:GOVERNS]->(t0:Territory)
MATCH (seed:Territory {dataset: $dataset})-[:PART_OF*0..]->(t0)
OPTIONAL MATCH (seed)-[:BORDERS]-(neighbour:Territory)
WITH a, collect(DISTINCT seed) + collect(DISTINCT neighbour) AS near
UNWIND near AS n
MATCH (n)-[:PART_OF*0..]->(served:Territory)
WITH DISTINCT a, served
MATCH (b:Actor {dataset: $dataset})-[:GOVERNS]->(served)
WHERE $country IN b.countries AND b <> a
WITH DISTINCT a, b
OPTIONAL MATCH (a)-[:HOLDS]->(shared:Competence)<-[:HOLDS]-(b)
OPTIONAL MATCH (a)-[:AT_LEVEL]->(la:Level)
OPTIONAL MATCH (b)-[:AT_LEVEL]->(lb:Level)
WITH a, b, la, lb, collect(DISTINCT shared.id) AS shared,
     ['local', 'intermunicipal', 'intermediate', 'regional', 'national', 'supranational'] AS tiers
RETURN b.id AS candidate, b.name AS name, lb.name AS level, lb.tier AS tier,
       size(shared) AS shared_count, shared,
       CASE WHEN la IS NULL OR lb IS NULL THEN null
            ELSE abs([i IN range(0, 5) WHERE tiers[i] = la.tier][0]
                     - [i IN range(0, 5) WHERE tiers[i] = lb.tier][0]) END AS tier_distance
ORDER BY shared_count DESC, tier_distance, candidate
