import type { FastifyInstance } from 'fastify';
import { recordId } from './access.js';
import { createAccount, listAccounts, updateAccount, viewAccount } from './accounts/account-service.js';
import { createContact, listContacts, updateContact, viewContact } from './contacts/contact-service.js';
import { convertLead } from './leads/lead-conversion.js';
import { changeLeadStatus, createLead, deleteLead, listLeads, updateLead, viewLead } from './leads/lead-service.js';
import { pipelineBoard } from './opportunities/pipeline.js';
import {
  changeStage, createOpportunity, listOpportunities, updateOpportunity, viewOpportunity,
} from './opportunities/opportunity-service.js';
import { createProduct, listProducts, updateProduct, viewProduct } from './products/product-service.js';

/** JSON API (docs/sales-crm.md §7). Every handler goes through the same services as the pages. */
export function registerSalesApi(app: FastifyInstance): void {
  app.get('/api/leads', (req) => listLeads(req, req.query).list);
  app.post('/api/leads', (req, reply) => reply.code(201).send(createLead(req, req.body)));
  app.get('/api/leads/:id', (req) => viewLead(req, recordId(req)));
  app.patch('/api/leads/:id', (req) => updateLead(req, recordId(req), req.body));
  app.delete('/api/leads/:id', (req, reply) => {
    deleteLead(req, recordId(req));
    return reply.code(204).send();
  });
  app.post('/api/leads/:id/status', (req) => changeLeadStatus(req, recordId(req), req.body));
  app.post('/api/leads/:id/convert', (req, reply) => reply.code(201).send(convertLead(req, recordId(req), req.body)));

  app.get('/api/accounts', (req) => listAccounts(req, req.query).list);
  app.post('/api/accounts', (req, reply) => reply.code(201).send(createAccount(req, req.body)));
  app.get('/api/accounts/:id', (req) => viewAccount(req, recordId(req)));
  app.patch('/api/accounts/:id', (req) => updateAccount(req, recordId(req), req.body));

  app.get('/api/contacts', (req) => listContacts(req, req.query).list);
  app.post('/api/contacts', (req, reply) => reply.code(201).send(createContact(req, req.body)));
  app.get('/api/contacts/:id', (req) => viewContact(req, recordId(req)));
  app.patch('/api/contacts/:id', (req) => updateContact(req, recordId(req), req.body));

  app.get('/api/opportunities', (req) => listOpportunities(req, req.query).list);
  app.get('/api/opportunities/board', (req) => pipelineBoard(req));
  app.post('/api/opportunities', (req, reply) => reply.code(201).send(createOpportunity(req, req.body)));
  app.get('/api/opportunities/:id', (req) =>
    viewOpportunity(req, recordId(req), { skipOwnership: req.server.crm.faults.on('opportunity-owner-check-missing') }));
  app.patch('/api/opportunities/:id', (req) => updateOpportunity(req, recordId(req), req.body));
  app.post('/api/opportunities/:id/stage', (req) => changeStage(req, recordId(req), req.body));

  app.get('/api/products', (req) => listProducts(req, req.query).list);
  app.post('/api/products', (req, reply) => reply.code(201).send(createProduct(req, req.body)));
  app.get('/api/products/:id', (req) => viewProduct(req, recordId(req)));
  app.patch('/api/products/:id', (req) => updateProduct(req, recordId(req), req.body));
}
