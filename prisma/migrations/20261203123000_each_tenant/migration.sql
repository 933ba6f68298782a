-- tessera_each_tenant(statement, args): runs one SQL statement once per tenant in `args` (an object
-- tenant id → that tenant's parameter, passed as $1), each time with app.tenant_id set to that
-- tenant, so the row-level security policies judge every row against the one tenant it is run for,
-- exactly as in withTenant(). One round trip for many tenants (the webhook worker applies a claim's
-- tenants in one transaction). SECURITY INVOKER: it runs with the caller's role (tessera_app in a
-- tenant transaction) and grants nothing the caller could not do statement by statement.
-- app.tenant_id is restored to what it was (or '' — no tenant, no rows) when it returns.
CREATE OR REPLACE FUNCTION tessera_each_tenant(statement text, args jsonb)
RETURNS TABLE (tenant_id text, result jsonb)
LANGUAGE plpgsql
SECURITY INVOKER
AS $$
DECLARE
  previous text := coalesce(current_setting('app.tenant_id', true), '');
  entry record;
BEGIN
  FOR entry IN SELECT key, value FROM jsonb_each(args) ORDER BY key LOOP
    PERFORM set_config('app.tenant_id', entry.key, true);
    tenant_id := entry.key;
    EXECUTE statement INTO result USING entry.value;
    RETURN NEXT;
  END LOOP;
  PERFORM set_config('app.tenant_id', previous, true);
END;
$$;
