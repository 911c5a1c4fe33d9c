import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models


class ConPares(django.contrib.postgres.search.SearchVectorCombinable, models.Func):
    """A search vector with its pairs of consecutive words (the SQL function below). Kept here,
    as the model had it then: migration 0009 removed the pairs and this class from the model."""

    function = "biblioteca_con_pares"
    output_field = django.contrib.postgres.search.SearchVectorField()
    config = None


# A token for each two stored words that follow each other, with the distance between them
# (stop words keep their place without being stored: "consorcios de origen" gives
# 'consorci~2~orig'), without positions. Lexemes never hold "~": the parser splits on it.
# Where several lexemes share a position (a hyphenated word and its parts), every one of
# them is paired with every lexeme of the next position. A tsvector's positions stop at
# 16383, where every later word is put: no pairs there (PostgreSQL's own phrases fail there
# too). So a field has at most about 16,000 pairs (340 KB), and they are added only to a
# field whose words take 500 KB at most, which keeps the vector under PostgreSQL's 1 MB limit
# (a save beyond it fails) for any text of MAX_TEXTO_EXTRAIDO characters: 500,000 characters
# of words drawn from 20,000 take 515 KB with their pairs; drawn from 200,000 (a spreadsheet
# of codes), 840 KB of words alone, and such a field gets no pairs: no phrase finds it.
PARES = """
CREATE FUNCTION biblioteca_pares(v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  WITH p AS (SELECT lexeme, unnest(positions) AS pos FROM unnest(v)),
  s AS (SELECT pos, lead(pos) OVER (ORDER BY pos) AS siguiente FROM (SELECT DISTINCT pos FROM p) d)
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.lexeme || '~' || (s.siguiente - s.pos) || '~' || b.lexeme)), '')
  FROM s JOIN p a ON a.pos = s.pos JOIN p b ON b.pos = s.siguiente
  WHERE s.siguiente < 16383
$$;
CREATE FUNCTION biblioteca_con_pares(v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN pg_column_size(v) <= 500000 THEN v || biblioteca_pares(v) ELSE v END
$$;
"""

# A query with each phrase (a chain of lexemes joined by <N>) turned into its pairs, so the
# GIN index answers it without reading a vector: "a <-> b" becomes 'a~1~b'. A phrase of three
# or more words keeps the chain too ('a~1~b' & 'b~1~c' & a <-> b <-> c): the pairs narrow
# the rows down to those that almost surely match, and only those are read to check it.
# Chains joined to a parenthesised group ("( a | b ) <-> c") are left as they are.
SIN_FRASES = r"""
CREATE FUNCTION biblioteca_sin_frases(q tsquery) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  operando CONSTANT text := $r$'(?:[^']|'')*'$r$;
  cadena_re CONSTANT text := '(?<![>!] )(?<!!)' || operando || '(?: <(?:-|\d+)> ' || operando || ')+(?! <)';
  texto text := q::text;
  salida text := '';
  cadena text;
  operandos text[];
  distancias text[];
  pares text[];
  i int;
BEGIN
  LOOP
    i := regexp_instr(texto, cadena_re);
    EXIT WHEN i = 0;
    cadena := regexp_substr(texto, cadena_re);
    operandos := ARRAY(
      SELECT replace(substr(m[1], 2, length(m[1]) - 2), '''''', '''')
      FROM regexp_matches(cadena, '(' || operando || ')', 'g') AS m
    );
    distancias := ARRAY(
      SELECT CASE m[1] WHEN '-' THEN '1' ELSE m[1] END FROM regexp_matches(cadena, '<(-|\d+)>', 'g') AS m
    );
    pares := ARRAY(
      SELECT quote_literal(operandos[k] || '~' || distancias[k] || '~' || operandos[k + 1])
      FROM generate_subscripts(distancias, 1) AS k
    );
    salida := salida || left(texto, i - 1) || '( ' || array_to_string(pares, ' & ')
      || CASE WHEN cardinality(operandos) > 2 THEN ' & ' || cadena ELSE '' END || ' )';
    texto := substr(texto, i + length(cadena));
  END LOOP;
  RETURN (salida || texto)::tsquery;
END
$$;
"""

# ANALYZE keeps the column's most common lexemes, ten per point of its statistics target (100
# by default), and busqueda.palabras_frecuentes reads them. The pairs crowd that list: at 20,000
# synthetic documents 6,256 lexemes are in 2 % of them or more, 4,861 of them pairs, and the
# list's floor rose from a few per cent to 21 %, leaving out words to compute ahead. With 1,000
# it holds 10,000 lexemes, down to 0.7 %; ANALYZE samples 300,000 rows instead of 30,000.
# The new column has no statistics until ANALYZE, and without them the next run of the
# precomputation would find no frequent word and drop every summary computed ahead.
ESTADISTICAS = (
    "ALTER TABLE biblioteca_documento ALTER COLUMN vector SET STATISTICS 1000; ANALYZE biblioteca_documento (vector)"
)

QUITAR = """
DROP FUNCTION biblioteca_sin_frases(tsquery);
DROP FUNCTION biblioteca_con_pares(tsvector);
DROP FUNCTION biblioteca_pares(tsvector);
"""


class Migration(migrations.Migration):
    """Phrases through the GIN index: the search vector gains the pairs of consecutive words.

    A generated column cannot change its expression in Django, so the vector (and its index)
    is dropped and made again: PostgreSQL recomputes every document's vector, holding a lock
    on the table meanwhile. (Migration 0009 removed the pairs again.)
    """

    dependencies = [
        ("biblioteca", "0007_busquedas_precalculadas"),
    ]

    operations = [
        migrations.RunSQL(PARES + SIN_FRASES, QUITAR),
        migrations.RemoveIndex(model_name="documento", name="documento_vector_gin"),
        migrations.RemoveField(model_name="documento", name="vector"),
        migrations.AddField(
            model_name="documento",
            name="vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.CombinedSearchVector(
                                django.contrib.postgres.search.CombinedSearchVector(
                                    django.contrib.postgres.search.CombinedSearchVector(
                                        django.contrib.postgres.search.CombinedSearchVector(
                                            ConPares(
                                                django.contrib.postgres.search.SearchVector(
                                                    "titulo", config="es_unaccent", weight="A"
                                                )
                                            ),
                                            "||",
                                            ConPares(
                                                django.contrib.postgres.search.SearchVector(
                                                    "titulo", config="spanish", weight="A"
                                                )
                                            ),
                                            None,
                                        ),
                                        "||",
                                        ConPares(
                                            django.contrib.postgres.search.SearchVector(
                                                "resumen", config="es_unaccent", weight="B"
                                            )
                                        ),
                                        None,
                                    ),
                                    "||",
                                    ConPares(
                                        django.contrib.postgres.search.SearchVector(
                                            "resumen", config="spanish", weight="B"
                                        )
                                    ),
                                    None,
                                ),
                                "||",
                                ConPares(
                                    django.contrib.postgres.search.SearchVector(
                                        "autores", config="es_unaccent", weight="B"
                                    )
                                ),
                                None,
                            ),
                            "||",
                            ConPares(
                                django.contrib.postgres.search.SearchVector("autores", config="spanish", weight="B")
                            ),
                            None,
                        ),
                        "||",
                        ConPares(
                            django.contrib.postgres.search.SearchVector(
                                "texto_extraido", config="es_unaccent", weight="C"
                            )
                        ),
                        None,
                    ),
                    "||",
                    ConPares(
                        django.contrib.postgres.search.SearchVector("texto_extraido", config="spanish", weight="C")
                    ),
                    None,
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="documento",
            index=django.contrib.postgres.indexes.GinIndex(fields=["vector"], name="documento_vector_gin"),
        ),
        migrations.RunSQL(ESTADISTICAS, migrations.RunSQL.noop),
    ]
