// govgraph schema: constraints and indexes, applied before every load (idempotent).
// Every node is keyed by (dataset, id): several datasets live side by side in one database.
// Run by hand: cypher-shell -a "$NEO4J_URI" -u "$NEO4J_USERNAME" -f cypher/schema.cypher

CREATE CONSTRAINT dataset_name IF NOT EXISTS FOR (d:Dataset) REQUIRE d.name IS UNIQUE;

CREATE CONSTRAINT actor_key IF NOT EXISTS FOR (n:Actor) REQUIRE (n.dataset, n.id) IS UNIQUE;
CREATE CONSTRAINT territory_key IF NOT EXISTS FOR (n:Territory) REQUIRE (n.dataset, n.id) IS UNIQUE;
CREATE CONSTRAINT level_key IF NOT EXISTS FOR (n:Level) REQUIRE (n.dataset, n.id) IS UNIQUE;
CREATE CONSTRAINT competence_key IF NOT EXISTS FOR (n:Competence) REQUIRE (n.dataset, n.id) IS UNIQUE;
CREATE CONSTRAINT theme_key IF NOT EXISTS FOR (n:Theme) REQUIRE (n.dataset, n.id) IS UNIQUE;
CREATE CONSTRAINT initiative_key IF NOT EXISTS FOR (n:Initiative) REQUIRE (n.dataset, n.id) IS UNIQUE;

CREATE INDEX actor_dataset IF NOT EXISTS FOR (n:Actor) ON (n.dataset);
CREATE INDEX territory_dataset IF NOT EXISTS FOR (n:Territory) ON (n.dataset);
CREATE INDEX level_dataset IF NOT EXISTS FOR (n:Level) ON (n.dataset);
CREATE INDEX competence_dataset IF NOT EXISTS FOR (n:Competence) ON (n.dataset);
CREATE INDEX theme_dataset IF NOT EXISTS FOR (n:Theme) ON (n.dataset);
CREATE INDEX initiative_dataset IF NOT EXISTS FOR (n:Initiative) ON (n.dataset);
CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name);
CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind);
CREATE INDEX territory_code IF NOT EXISTS FOR (n:Territory) ON (n.code);

CREATE INDEX holds_dataset IF NOT EXISTS FOR ()-[r:HOLDS]-() ON (r.dataset, r.key);
CREATE INDEX governs_dataset IF NOT EXISTS FOR ()-[r:GOVERNS]-() ON (r.dataset, r.key);
CREATE INDEX part_of_dataset IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.dataset, r.key);
CREATE INDEX borders_dataset IF NOT EXISTS FOR ()-[r:BORDERS]-() ON (r.dataset, r.key);
CREATE INDEX at_level_dataset IF NOT EXISTS FOR ()-[r:AT_LEVEL]-() ON (r.dataset, r.key);
CREATE INDEX member_of_dataset IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.dataset, r.key);
CREATE INDEX supervised_by_dataset IF NOT EXISTS FOR ()-[r:SUPERVISED_BY]-() ON (r.dataset, r.key);
CREATE INDEX funds_dataset IF NOT EXISTS FOR ()-[r:FUNDS]-() ON (r.dataset, r.key);
CREATE INDEX cooperates_with_dataset IF NOT EXISTS FOR ()-[r:COOPERATES_WITH]-() ON (r.dataset, r.key);
CREATE INDEX participates_in_dataset IF NOT EXISTS FOR ()-[r:PARTICIPATES_IN]-() ON (r.dataset, r.key);
CREATE INDEX in_theme_dataset IF NOT EXISTS FOR ()-[r:IN_THEME]-() ON (r.dataset, r.key);
CREATE INDEX broader_dataset IF NOT EXISTS FOR ()-[r:BROADER]-() ON (r.dataset, r.key);
CREATE INDEX allocates_dataset IF NOT EXISTS FOR ()-[r:ALLOCATES]-() ON (r.dataset, r.key);
