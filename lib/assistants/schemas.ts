// Input and output schemas of the assistants: agents, chat requests, knowledge articles.
import { z } from "zod";

import { singleLineText } from "@/lib/text";
import { DOMAINS, type Domain, DOMAIN_TEMPLATES } from "./domains";

export const domainSchema = z.enum(DOMAINS, "Choose one of the seven domains.");

const toolList = z.array(z.string().trim().min(1).max(64)).max(20);

export const agentCreateSchema = z
  .object({
    name: singleLineText().min(1, "Give the agent a name.").max(60, "Use at most 60 characters."),
    domain: domainSchema,
    instructions: z.string().trim().max(4000, "Use at most 4000 characters.").default(""),
    model: singleLineText()
      .max(100)
      .optional()
      .transform((value) => value || undefined),
    /** The domain's tools this agent may use; absent = all of them. */
    tools: toolList.optional(),
  })
  .superRefine((input, ctx) => checkTools(input.domain, input.tools, ctx));

export const agentUpdateSchema = z.object({
  name: singleLineText().min(1, "Give the agent a name.").max(60, "Use at most 60 characters.").optional(),
  instructions: z.string().trim().max(4000, "Use at most 4000 characters.").optional(),
  model: singleLineText().max(100).nullable().optional(),
  tools: toolList.optional(),
});

export function checkTools(domain: Domain, tools: string[] | undefined, ctx: z.RefinementCtx): void {
  if (!tools) return;
  const allowed = new Set<string>(DOMAIN_TEMPLATES[domain].tools);
  tools.forEach((tool, index) => {
    if (!allowed.has(tool)) {
      ctx.addIssue({ code: "custom", path: ["tools", index], message: `Not a tool of the ${domain} domain.` });
    }
  });
}

export const knowledgeArticleSchema = z.object({
  title: singleLineText().min(1, "Give the article a title.").max(200),
  body: z.string().trim().min(1, "Write the article.").max(50_000, "Use at most 50,000 characters."),
});

export type AgentCreateInput = z.input<typeof agentCreateSchema>;
export type AgentUpdateInput = z.input<typeof agentUpdateSchema>;
