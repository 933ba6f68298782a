// Every v1 route, in documentation order. The OpenAPI document, the docs page and the
// table-driven scope tests read this list; a test checks it matches the route files in app/api/v1.
import type { ApiRouteDef } from "../define";
import * as analytics from "./analytics";
import * as apiKeys from "./api-keys";
import * as assistants from "./assistants";
import * as billing from "./billing";
import * as files from "./files";
import * as cache from "./cache";
import * as invitations from "./invitations";
import * as knowledge from "./knowledge";
import * as members from "./members";
import * as paypal from "./paypal";
import * as system from "./system";
import * as tenant from "./tenant";
import * as tenants from "./tenants";
import * as usage from "./usage";

export const V1_ROUTES: ApiRouteDef[] = [
  system.ping,
  tenant.getCurrentTenant,
  tenant.updateCurrentTenant,
  members.listMembers,
  members.getMember,
  members.updateMember,
  members.removeMember,
  invitations.listInvitations,
  invitations.createInvitation,
  invitations.revokeInvitation,
  apiKeys.listApiKeys,
  apiKeys.createApiKey,
  apiKeys.getApiKey,
  apiKeys.revokeApiKey,
  apiKeys.rollApiKey,
  usage.getUsage,
  usage.listUsageEvents,
  usage.recordUsageEvents,
  billing.getCustomerAnalytics,
  paypal.createPaypalOrder,
  paypal.capturePaypalOrder,
  paypal.listPaypalOrders,
  paypal.getPaypalOrder,
  tenants.listTenants,
  tenants.createTenant,
  tenants.getTenant,
  tenants.updateTenant,
  tenants.deleteTenant,
  files.listFiles,
  files.uploadFile,
  files.presignFileUpload,
  files.completeFileUpload,
  files.getFile,
  files.downloadFile,
  files.deleteFile,
  knowledge.searchKnowledge,
  knowledge.listArticles,
  knowledge.createArticle,
  knowledge.getArticle,
  knowledge.updateArticle,
  knowledge.deleteArticle,
  knowledge.listArticleVersions,
  knowledge.restoreArticleVersion,
  knowledge.listCollections,
  knowledge.createCollection,
  knowledge.listDocuments,
  knowledge.uploadDocument,
  knowledge.getDocument,
  knowledge.deleteDocument,
  cache.getCacheStats,
  cache.getCachePatterns,
  cache.getCacheHealth,
  cache.getCacheSuggestions,
  cache.warmCache,
  cache.invalidateCache,
  analytics.listMetrics,
  analytics.getRealtime,
  analytics.getTrend,
  analytics.getKpis,
  analytics.exportCsv,
  analytics.listDashboards,
  analytics.createDashboard,
  analytics.getDashboard,
  analytics.updateDashboard,
  analytics.deleteDashboard,
  assistants.listAssistants,
  assistants.chat,
  assistants.resumeChat,
  assistants.stopChat,
  assistants.listConversations,
  assistants.getConversation,
  assistants.listAgents,
  assistants.createAgent,
  assistants.getAgent,
  assistants.updateAgent,
  assistants.deleteAgent,
  assistants.operatorChat,
] as ApiRouteDef[];
