import { Link2 } from "lucide-react";
import type { ReactNode } from "react";

import { Badge } from "@/components/ui/badge";

import { MethodBadge } from "./method-badge";
import {
  constraints,
  curlExample,
  exampleOf,
  resolveResponse,
  typeLabel,
  type DocOperation,
  type OpenApiDoc,
} from "./openapi-model";
import { CodeBlock, InlineText, RichText } from "./rich-text";
import { Constraints, DocTable, Required, SchemaTable } from "./schema-table";

function SubHeading({ children }: { children: ReactNode }) {
  return <h4 className="mt-6 mb-2 text-sm font-semibold">{children}</h4>;
}

function Parameters({ doc, operation }: { doc: OpenApiDoc; operation: DocOperation }) {
  const parameters = operation.op.parameters ?? [];
  if (parameters.length === 0) return null;
  return (
    <>
      <SubHeading>Parameters</SubHeading>
      <DocTable label={`Parameters of ${operation.op.summary}`} head={["Name", "In", "Type", "Description"]}>
        {parameters.map((parameter) => (
          <tr key={`${parameter.in}-${parameter.name}`}>
            <td>
              <code className="font-mono font-medium text-foreground">{parameter.name}</code>
              {parameter.required && <Required />}
            </td>
            <td>{parameter.in}</td>
            <td className="font-mono whitespace-nowrap">{typeLabel(doc, parameter.schema)}</td>
            <td>
              {parameter.description && <InlineText text={parameter.description} />}
              <Constraints items={constraints(doc, parameter.schema)} />
            </td>
          </tr>
        ))}
      </DocTable>
    </>
  );
}

function Example({ doc, schema, label }: { doc: OpenApiDoc; schema: Parameters<typeof exampleOf>[1]; label: string }) {
  return (
    <details className="mt-2 rounded-lg border">
      <summary className="cursor-pointer rounded-lg px-3 py-2 text-xs font-medium text-muted-foreground hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
        Example
      </summary>
      <div className="px-3 pb-3">
        <CodeBlock code={JSON.stringify(exampleOf(doc, schema), null, 2)} label={label} />
      </div>
    </details>
  );
}

function Responses({ doc, operation }: { doc: OpenApiDoc; operation: DocOperation }) {
  const entries = Object.entries(operation.op.responses);
  const success = entries.filter(([status]) => status.startsWith("2"));
  const errors = entries.filter(([status]) => !status.startsWith("2"));
  return (
    <>
      {success.map(([status, response]) => {
        const schema = response.content?.["application/json"]?.schema;
        return (
          <div key={status}>
            <SubHeading>
              Response <span className="font-mono text-muted-foreground">{status}</span>
            </SubHeading>
            {!schema && <p className="text-sm text-muted-foreground">{response.description}</p>}
            {schema && (
              <>
                <p className="mb-2 font-mono text-xs text-muted-foreground">{typeLabel(doc, schema)}</p>
                <SchemaTable doc={doc} schema={schema} label={`Response ${status} of ${operation.op.summary}`} />
                <Example doc={doc} schema={schema} label={`Example response of ${operation.op.summary}`} />
              </>
            )}
          </div>
        );
      })}
      {errors.length > 0 && (
        <>
          <SubHeading>Errors</SubHeading>
          <DocTable label={`Errors of ${operation.op.summary}`} head={["Status", "Codes", "When"]}>
            {errors.map(([status, ref]) => {
              const response = resolveResponse(doc, ref);
              return (
                <tr key={status}>
                  <td className="font-mono text-foreground">{status}</td>
                  <td className="font-mono text-foreground">{(response["x-error-codes"] ?? []).join(", ")}</td>
                  <td>{response.description}</td>
                </tr>
              );
            })}
          </DocTable>
        </>
      )}
    </>
  );
}

/** One operation: method, path, scope, description, inputs, outputs, errors and a curl example. */
export function OperationSection({ doc, operation }: { doc: OpenApiDoc; operation: DocOperation }) {
  const { op, method, path } = operation;
  const scope = op["x-required-scope"];
  const body = op.requestBody?.content["application/json"]?.schema;
  return (
    <section id={op.operationId} aria-labelledby={`${op.operationId}-title`} className="scroll-mt-24 border-t py-10">
      <div className="group flex flex-wrap items-center gap-2">
        <h3 id={`${op.operationId}-title`} className="text-lg font-semibold tracking-tight">
          {op.summary}
        </h3>
        <a
          href={`#${op.operationId}`}
          className="rounded-sm text-muted-foreground opacity-60 group-hover:opacity-100 hover:text-foreground focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          <Link2 aria-hidden className="size-4" />
          <span className="sr-only">Link to {op.summary}</span>
        </a>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <MethodBadge method={method} />
        <code className="font-mono text-sm break-all">{path}</code>
      </div>
      <div className="mt-3 flex flex-wrap gap-2 text-xs">
        {op["x-audience"] === "public" ? (
          <Badge variant="success">Public: no key</Badge>
        ) : scope ? (
          <Badge variant="info">
            Scope <code className="font-mono">{scope}</code>
          </Badge>
        ) : (
          <Badge variant="secondary">Any valid key</Badge>
        )}
        {op["x-audience"] === "platform" && <Badge variant="warning">Platform key</Badge>}
      </div>
      {op.description && <RichText text={op.description} className="mt-4 max-w-3xl text-sm text-muted-foreground" />}

      <Parameters doc={doc} operation={operation} />
      {body && (
        <>
          <SubHeading>
            Request body{" "}
            <span className="font-normal text-muted-foreground">
              (application/json{op.requestBody?.required ? "" : ", optional"})
            </span>
          </SubHeading>
          <SchemaTable doc={doc} schema={body} label={`Request body of ${op.summary}`} markRequired />
        </>
      )}
      <Responses doc={doc} operation={operation} />

      <SubHeading>Example request</SubHeading>
      <CodeBlock code={curlExample(doc, operation)} label={`curl example for ${op.summary}`} />
    </section>
  );
}
