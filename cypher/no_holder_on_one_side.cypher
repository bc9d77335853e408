// Competences held on one side of the border but by no actor on the other, around an actor: the
// same gaps as `govgraph gaps --kind no_counterpart --kind reference_gap --around ACTOR`. The
// area is as in competence_holders_around (2 border steps: a body serves what it exercises
// competences for; a transferred competence leaves the members). A side is a country of the
// area's single-country actors or, for a competence the reference allocates differently in the
// subdivisions present (a German Land, a Belgian region), each of those subdivisions (its actors
// and the country's actors in none). The actor's country is compared with every other country
// of the area, both ways. Holding a narrower competence counts; a competence whose broader one
// is also missing is reported at the broader one. nature: 'data' when the reference gives the
// competence (or a narrower one) to a level of the side without holder; 'institutional' when an
// actor of that side holds a broader competence; else 'reference': the reference data says
// nothing of it for that country (a gap in the data govgraph reads, not in governance).
// params: dataset (dataset name), actor (actor id, e.g. fr-cc-bouzonvillois-trois-frontieres)
MATCH (a:Actor {dataset: $dataset, id: $actor})
OPTIONAL MATCH (a)-[:GOVERNS]->(g:Territory)
OPTIONAL MATCH (a)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(mt:Territory)
OPTIONAL MATCH (a)-[:EXERCISES]->(f:Actor)
OPTIONAL MATCH (f)-[:GOVERNS]->(ft:Territory)
OPTIONAL MATCH (f)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(fmt:Territory)
WITH a, collect(DISTINCT g) AS governed, collect(DISTINCT mt) AS via_members,
     collect(DISTINCT ft) + collect(DISTINCT fmt) AS via_holders
WITH a, CASE WHEN size(governed) > 0 THEN governed
             WHEN size(via_members) > 0 THEN via_members ELSE via_holders END AS served
UNWIND served AS s
MATCH (inner:Territory)-[:PART_OF*0..]->(s)
WITH a, collect(DISTINCT inner) AS start
UNWIND start AS st
MATCH p = (st)-[:BORDERS*0..2]-(t:Territory)
WITH a, t, min(length(p)) AS steps
MATCH (t)-[:PART_OF*0..]->(up:Territory)
WITH a, collect(DISTINCT up) AS reach
CALL (reach) {
  UNWIND reach AS up
  MATCH (h:Actor)-[:GOVERNS]->(up) RETURN h
  UNION
  UNWIND reach AS up
  MATCH (h:Actor)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(up) WHERE NOT (h)-[:GOVERNS]->() RETURN h
  UNION
  UNWIND reach AS up
  MATCH (h:Actor)-[:EXERCISES]->(:Actor)-[:GOVERNS]->(up)
  WHERE NOT (h)-[:GOVERNS]->() AND NOT (h)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->() RETURN h
  UNION
  UNWIND reach AS up
  MATCH (h:Actor)-[:EXERCISES]->(:Actor)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(up)
  WHERE NOT (h)-[:GOVERNS]->() AND NOT (h)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->() RETURN h
}
WITH a, collect(DISTINCT h) AS area
UNWIND [h IN area WHERE size(h.countries) = 1] AS z
CALL (z) {  // z's subdivisions: its own and those of the territories it serves
  OPTIONAL MATCH (z)-[:GOVERNS]->(zg:Territory)
  OPTIONAL MATCH (z)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(zm:Territory)
  OPTIONAL MATCH (z)-[:EXERCISES]->(zf:Actor)
  OPTIONAL MATCH (zf)-[:GOVERNS]->(zft:Territory)
  OPTIONAL MATCH (zf)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(zfmt:Territory)
  WITH z, collect(DISTINCT zg) AS g, collect(DISTINCT zm) AS m,
       collect(DISTINCT zft) + collect(DISTINCT zfmt) AS x
  WITH z, CASE WHEN size(g) > 0 THEN g WHEN size(m) > 0 THEN m ELSE x END AS served
  OPTIONAL MATCH (t:Territory)-[:PART_OF*0..]->(sub:Territory {code_scheme: 'ISO3166-2'})
  WHERE t IN served
  WITH z, collect(DISTINCT sub.code) + coalesce([z.subdivision], []) AS codes
  RETURN reduce(u = [], s IN codes |
    CASE WHEN s STARTS WITH z.countries[0] + '-' AND NOT s IN u THEN u + s ELSE u END) AS subs
}
WITH a, collect({actor: z, country: z.countries[0], subs: subs}) AS zone
WITH a.countries[0] AS own, zone,
     reduce(u = [], e IN zone | CASE WHEN e.country IN u THEN u ELSE u + e.country END) AS countries
WHERE size(a.countries) = 1
UNWIND countries AS country
MATCH (c:Competence {dataset: $dataset}) WHERE c.id <> 'cross_border_cooperation'
WITH own, zone, country, c,
     reduce(u = [], e IN zone | CASE WHEN e.country <> country THEN u
       ELSE u + [s IN e.subs WHERE NOT s IN u] END) AS present
CALL (c, country, present) {  // the allocation of c (and its narrower ones) in each subdivision
  UNWIND present AS s
  OPTIONAL MATCH (l:Level {dataset: $dataset, country: country})-[r:ALLOCATES]->(part:Competence)
                 -[:BROADER*0..]->(c)
  WHERE r.subdivision = s
     OR (r.subdivision IS NULL AND NOT EXISTS {
           MATCH (l)-[mine:ALLOCATES]->(part) WHERE mine.subdivision = s })
  WITH s, part.id + ' ' + l.id AS pair ORDER BY pair
  WITH s, collect(DISTINCT pair) AS allocation
  RETURN collect(DISTINCT allocation) AS allocations
}
WITH own, zone, country, c,
     CASE WHEN size(present) > 1 AND size(allocations) > 1 THEN present ELSE [country] END AS sides
UNWIND sides AS side
WITH own, country, c, side,
     [e IN zone WHERE e.country = country
        AND (side = country OR side IN e.subs OR size(e.subs) = 0) | e.actor] AS members
WITH own, country, c, side, members,
     [h IN members WHERE EXISTS {
        MATCH (h)-[:HOLDS]->(held:Competence)-[:BROADER*0..]->(c)
        WHERE NOT EXISTS {
          MATCH (:Actor)-[e:EXERCISES {kind: 'transfer'}]->(h)
          MATCH (held)-[:BROADER*0..]->(:Competence {dataset: $dataset, id: e.competence})
        }
      } | h.id] AS holders
WITH own, c, collect({country: country, side: side, members: members, holders: holders}) AS by_side
UNWIND by_side AS held
UNWIND by_side AS lacking
WITH own, c, held, lacking
WHERE size(held.holders) > 0 AND size(lacking.holders) = 0
  AND ((held.country = own AND lacking.country <> own)
       OR (lacking.country = own AND held.country <> own))
OPTIONAL MATCH (c)-[:BROADER]->(parent:Competence)
WITH held.side AS side_a, lacking.side AS side_b, lacking.country AS country_b,
     lacking.members AS members_b,
     collect({c: c, parent: parent.id, holders: held.holders}) AS missing
UNWIND missing AS m
WITH side_a, side_b, country_b, members_b, m, [x IN missing | x.c.id] AS ids
WHERE m.parent IS NULL OR NOT m.parent IN ids
WITH side_a, side_b, country_b, members_b, m.c AS c, m.holders AS holders
OPTIONAL MATCH (l:Level {dataset: $dataset, country: country_b})-[r:ALLOCATES]->(:Competence)
               -[:BROADER*0..]->(c)
WHERE r.subdivision IS NULL OR side_b = country_b OR r.subdivision = side_b
WITH side_a, side_b, members_b, c, holders, collect(DISTINCT l.id) AS levels
WITH side_a, side_b, c, holders, levels,
     EXISTS {
       MATCH (c)-[:BROADER*1..]->(up:Competence)
       MATCH (b:Actor)-[:HOLDS]->(up) WHERE b IN members_b
         AND NOT EXISTS {
           MATCH (:Actor)-[e:EXERCISES {kind: 'transfer'}]->(b)
           MATCH (up)-[:BROADER*0..]->(:Competence {dataset: $dataset, id: e.competence})
         }
     } AS broader_held
RETURN c.id AS competence, c.name_en AS name, side_a AS held_in, side_b AS missing_in,
       holders, levels AS levels_allocated,
       CASE WHEN size(levels) > 0 THEN 'data' WHEN broader_held THEN 'institutional'
            ELSE 'reference' END AS nature
ORDER BY held_in, missing_in, competence
