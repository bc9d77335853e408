// Competences held at different tiers on the two sides of the border, around an actor: the same
// gaps as `govgraph gaps --kind level_mismatch --around ACTOR`. A side is a country or, for a
// competence the reference allocates differently in the subdivisions present, each of those
// subdivisions (as in no_holder_on_one_side). On each side, the main holder of the competence
// (exactly this competence, by an actor of the area with a level; not a residual holding another
// body of the area took) is the actor itself if it holds it, else the strongest role it does the
// job with (its own, or that of a body exercising it for it: a Département through its SDIS),
// then the nearest, then the most local tier, then the id; and only where no tier does the job
// (a role other than support or liaison) on both sides.
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
WITH a, up, min(steps) AS steps
CALL (up) {
  MATCH (h:Actor)-[:GOVERNS]->(up) RETURN h
  UNION
  MATCH (h:Actor)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(up) WHERE NOT (h)-[:GOVERNS]->() RETURN h
  UNION
  MATCH (h:Actor)-[:EXERCISES]->(:Actor)-[:GOVERNS]->(up)
  WHERE NOT (h)-[:GOVERNS]->() AND NOT (h)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->() RETURN h
  UNION
  MATCH (h:Actor)-[:EXERCISES]->(:Actor)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(up)
  WHERE NOT (h)-[:GOVERNS]->() AND NOT (h)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->() RETURN h
}
WITH a, h, min(steps) AS distance
WHERE size(h.countries) = 1 AND size(a.countries) = 1
CALL (h) {  // h's subdivisions: its own and those of the territories it serves
  OPTIONAL MATCH (h)-[:GOVERNS]->(zg:Territory)
  OPTIONAL MATCH (h)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(zm:Territory)
  OPTIONAL MATCH (h)-[:EXERCISES]->(zf:Actor)
  OPTIONAL MATCH (zf)-[:GOVERNS]->(zft:Territory)
  OPTIONAL MATCH (zf)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(zfmt:Territory)
  WITH h, collect(DISTINCT zg) AS g, collect(DISTINCT zm) AS m,
       collect(DISTINCT zft) + collect(DISTINCT zfmt) AS x
  WITH h, CASE WHEN size(g) > 0 THEN g WHEN size(m) > 0 THEN m ELSE x END AS served
  OPTIONAL MATCH (t:Territory)-[:PART_OF*0..]->(sub:Territory {code_scheme: 'ISO3166-2'})
  WHERE t IN served
  WITH h, collect(DISTINCT sub.code) + coalesce([h.subdivision], []) AS codes
  RETURN reduce(u = [], s IN codes |
    CASE WHEN s STARTS WITH h.countries[0] + '-' AND NOT s IN u THEN u + s ELSE u END) AS subs
}
WITH a, collect({actor: h, country: h.countries[0], subs: subs, distance: distance}) AS zone
WITH a, zone,
     reduce(u = [], e IN zone | CASE WHEN e.country IN u THEN u ELSE u + e.country END) AS countries
UNWIND countries AS country
MATCH (c:Competence {dataset: $dataset}) WHERE c.id <> 'cross_border_cooperation'
WITH a, zone, country, c,
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
WITH a, zone, country, c,
     CASE WHEN size(present) > 1 AND size(allocations) > 1 THEN present ELSE [country] END AS sides
UNWIND sides AS side
UNWIND [e IN zone WHERE e.country = country
          AND (side = country OR side IN e.subs OR size(e.subs) = 0)] AS e
WITH a, zone, country, c, side, e.actor AS h, e.distance AS distance
MATCH (h)-[:AT_LEVEL]->(l:Level)
MATCH (h)-[r:HOLDS]->(c)
WHERE NOT EXISTS {  // a competence transferred to a body has left its members
    MATCH (:Actor)-[t:EXERCISES {kind: 'transfer'}]->(h)
    MATCH (c)-[:BROADER*0..]->(:Competence {dataset: $dataset, id: t.competence})
  }
  // a residual holding (residual_to: the French région's urban buses) is not the side's holder
  // where a body of the area of the same country, no farther, holds the other competence
  AND NOT (r.residual_to IS NOT NULL AND any(other IN zone WHERE
    other.actor <> h AND other.distance <= distance AND other.country IN h.countries
    AND EXISTS {
      MATCH (taker:Actor)-[t:HOLDS]->(:Competence {dataset: $dataset, id: r.residual_to})
      WHERE taker = other.actor AND NOT h.id IN coalesce(t.on_behalf_of, [])
        AND NOT EXISTS {
          MATCH (:Actor)-[x:EXERCISES {kind: 'transfer'}]->(taker)
          MATCH (:Competence {dataset: $dataset, id: r.residual_to})
                -[:BROADER*0..]->(:Competence {dataset: $dataset, id: x.competence})
        }
    }))
// the role it does the job with: its own, or the strongest of the bodies exercising it for it
CALL (h, c) {
  OPTIONAL MATCH (b:Actor)-[e:EXERCISES]->(h) WHERE e.competence = c.id
  OPTIONAL MATCH (b)-[rb:HOLDS]->(c)
  RETURN collect(rb.role) AS body_roles
}
WITH a, country, side, c, h, l, distance, r, body_roles,
     {exclusive: 1.0, shared: 0.8, delegated: 0.6, support: 0.3, liaison: 1.0} AS weights
WITH a, country, side, c, h, l, distance, weights,
     reduce(best = r.role, x IN body_roles |
       CASE WHEN coalesce(weights[x], 0.5) > coalesce(weights[best], 0.5) THEN x ELSE best END)
       AS role
WITH a, country, side, c, h, l, distance, role, coalesce(weights[role], 0.5) AS weight,
     [i IN range(0, 5) WHERE ['local', 'intermunicipal', 'intermediate', 'regional', 'national',
       'supranational'][i] = l.tier][0] AS rank
ORDER BY CASE WHEN h = a THEN 0 ELSE 1 END, weight DESC, distance, rank, h.id
WITH a, country, side, c,
     collect({id: h.id, name: h.name, tier: l.tier, level: l.name, rank: rank})[0] AS main,
     // the tiers that do the job on this side (a supporting role does not count)
     collect(DISTINCT CASE WHEN role IN ['support', 'liaison'] THEN null ELSE l.tier END) AS doing
WITH a, c, collect({country: country, side: side, main: main, doing: doing}) AS sides
UNWIND [s IN sides WHERE s.country IN a.countries] AS mine
UNWIND [s IN sides WHERE NOT s.country IN a.countries] AS other
WITH c, mine, other
// no mismatch where a tier does the job on both sides: those peers can talk directly
WHERE mine.main.tier <> other.main.tier AND none(t IN mine.doing WHERE t IN other.doing)
RETURN c.id AS competence, mine.side AS country_a, mine.main.id AS holder_a,
       mine.main.level AS level_a, mine.main.tier AS tier_a,
       other.side AS country_b, other.main.id AS holder_b, other.main.level AS level_b,
       other.main.tier AS tier_b, abs(mine.main.rank - other.main.rank) AS tier_distance
ORDER BY tier_distance DESC, competence, country_b
