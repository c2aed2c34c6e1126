/*
 * The schema migrations embedded at build time from schema/NNN-name.sql
 * (see build-aux/embed-schema.sh).  Migration i (1-based) brings the
 * database from user_version i-1 to i.
 */
#ifndef PARCOURS_SCHEMA_H
#define PARCOURS_SCHEMA_H

struct schema_migration {
	int		 version;
	const char	*name;
	const char	*sql;
};
extern const struct schema_migration schema_migrations[];
extern const int schema_count;

#endif
