#!/usr/bin/env python3
"""Adds the Coordinators module's operations and schemas to docs/openapi.yaml (run from the repository
root). New paths go at the end of `paths`, new schemas at the end of `components.schemas`; the rest of
the file is left byte for byte, so other branches' edits merge cleanly. Existing entries are kept."""
import yaml, sys
path = 'docs/openapi.yaml'
d = yaml.safe_load(open(path))
d['paths'] = dict(d['paths'])
S = d['components']['schemas']

def ref(name): return {'$ref': f'#/components/schemas/{name}'}
def nullable(t, **kw): return {'type': [t, 'null'], **kw}
def uuid(): return {'type': 'string', 'format': 'uuid'}
def problems(*codes): return {str(c): {'$ref': f'#/components/responses/Problem{c}'} for c in codes}
ETAG = {'ETag': {'$ref': '#/components/headers/ETag'}}
def ok(schema, desc='OK', status='200', etag=False):
    r = {'description': desc, 'content': {'application/json': {'schema': ref(schema) if isinstance(schema, str) else schema}}}
    if etag: r = {'description': desc, 'headers': ETAG, 'content': r['content']}
    return {status: r}
ID = {'$ref': '#/components/parameters/Id'}
IFMATCH = {'$ref': '#/components/parameters/IfMatch'}
PAGING = [{'$ref': '#/components/parameters/Limit'}, {'$ref': '#/components/parameters/Cursor'}]
def q(name, desc, schema): return {'name': name, 'in': 'query', 'required': False, 'description': desc, 'schema': schema}
def pathparam(name, desc): return {'name': name, 'in': 'path', 'required': True, 'description': desc, 'schema': uuid()}
def body(schema, example, media='application/json'):
    return {'required': True, 'content': {media: {'schema': ref(schema), 'example': example}}}
def patchbody(what, example):
    return {'required': True, 'content': {'application/merge-patch+json': {
        'schema': {'$ref': '#/components/schemas/MergePatch', 'description': f'Any fields of {what}.'}, 'example': example}}}
def op(opid, summary, tag, responses, params=None, requestBody=None):
    o = {'operationId': opid, 'summary': summary, 'tags': [tag]}
    if params: o['parameters'] = params
    if requestBody: o['requestBody'] = requestBody
    o['responses'] = responses
    return o
def page(item): return {'type': 'object', 'required': ['items', 'nextCursor'], 'properties': {
    'items': {'type': 'array', 'items': ref(item)},
    'nextCursor': nullable('string', description='Pass as cursor for the next page; null on the last page.')}}
def items(item): return {'type': 'object', 'required': ['items'], 'properties': {'items': {'type': 'array', 'items': ref(item)}}}
def record(draft, required, props):
    base = {'id': {**uuid(), 'readOnly': True}}
    base.update(props)
    return {'allOf': [ref(draft), {'type': 'object', 'required': required, 'properties': base}]}
VERSIONED = {'version': {'type': 'integer', 'minimum': 1, 'readOnly': True},
             'createdAt': {'type': 'string', 'format': 'date-time', 'readOnly': True},
             'updatedAt': {'type': 'string', 'format': 'date-time', 'readOnly': True}}
TEXTLIST = lambda n=50, m=300: nullable('array', maxItems=n, items={'type': 'string', 'minLength': 1, 'maxLength': m})
COUNTRIES = nullable('array', maxItems=250, items={'type': 'string', 'pattern': '^[A-Z]{2}$'})
STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'commercialized', 'lost', 'on_hold']

S['CoordinatorDraft'] = {'type': 'object', 'required': ['userId', 'displayName'], 'properties': {
    'userId': {**uuid(), 'description': 'The user account (role coordinator or admin); one profile per user. Admin only.'},
    'displayName': {'type': 'string', 'minLength': 1, 'maxLength': 200},
    'expertiseCodes': {**TEXTLIST(50, 100), 'description': 'Taxonomy codes.'},
    'languages': TEXTLIST(),
    'countries': {**COUNTRIES, 'description': 'ISO 3166-1 alpha-2 codes.'},
    'formerEmployer': nullable('string', maxLength=300),
    'senior': nullable('boolean', default=False, description='A senior (OB) coordinator. Admin only.'),
    'capacity': nullable('integer', minimum=0, maximum=1000, default=10,
                         description='Most active leads (stages lead to won) the coordinator may own. Admin only.'),
    'active': nullable('boolean', default=True, description='Admin only.'),
    'notes': nullable('string', maxLength=20000)}}
S['Coordinator'] = record('CoordinatorDraft', ['id', 'activeLeads', 'version', 'createdAt', 'updatedAt'], {
    'activeLeads': {'type': 'integer', 'minimum': 0, 'readOnly': True, 'description': 'Leads it owns in stages lead to won.'},
    **VERSIONED})
S['CoordinatorPage'] = page('Coordinator')
S['LeadStage'] = {'type': 'string', 'enum': STAGES,
                  'description': 'lead → qualified → proposal → negotiation → won → commercialized, or lost / on_hold (docs/leads.md).'}
S['LeadSourceChannel'] = {'type': 'string', 'enum': ['liaison_base', 'policy_dialogue', 'convention', 'inquiry']}
S['LeadDraft'] = {'type': 'object', 'required': ['title', 'cityId', 'sourceChannel'], 'properties': {
    'title': {'type': 'string', 'minLength': 1, 'maxLength': 300},
    'cityId': {**uuid(), 'description': 'Fixed once the lead exists.'},
    'needIds': nullable('array', maxItems=50, uniqueItems=True, items=uuid(), description='City needs of the same city.'),
    'sourceChannel': ref('LeadSourceChannel'),
    'sourceReference': nullable('string', maxLength=300),
    'sourceLiaisonBaseId': {'type': ['string', 'null'], 'format': 'uuid', 'description': 'Only with sourceChannel liaison_base.'},
    'ownerCoordinatorId': {'type': ['string', 'null'], 'format': 'uuid',
                           'description': "Defaults to the caller's profile; only an admin names or changes another owner."},
    'estimatedValueYen': nullable('integer', minimum=0, maximum=1000000000000000),
    'expectedCloseOn': nullable('string', format='date')}}
S['Lead'] = record('LeadDraft', ['id', 'needIds', 'ownerCoordinatorId', 'stage', 'stageChangedAt', 'allowedTransitions',
                                 'version', 'createdAt', 'updatedAt'], {
    'stage': ref('LeadStage'),
    'stageReason': {'type': 'string', 'description': 'Why the lead is lost or on hold.'},
    'stageChangedAt': {'type': 'string', 'format': 'date-time'},
    'allowedTransitions': {'type': 'array', 'items': ref('LeadStage'), 'description': 'The stages it may move to next.'},
    **VERSIONED})
S['LeadPage'] = page('Lead')
S['LeadTransition'] = {'type': 'object', 'required': ['to'], 'properties': {
    'to': ref('LeadStage'),
    'reason': nullable('string', minLength=1, maxLength=2000, description='Required for lost and on_hold; only for them.'),
    'note': nullable('string', minLength=1, maxLength=2000)}}
S['LeadStageChange'] = {'type': 'object', 'required': ['to', 'changedAt'], 'properties': {
    'from': {**ref('LeadStage'), 'description': 'Absent for the creation.'},
    'to': ref('LeadStage'), 'reason': {'type': 'string'}, 'note': {'type': 'string'},
    'changedBy': {**uuid(), 'description': 'The user who moved it.'},
    'changedAt': {'type': 'string', 'format': 'date-time'}}}
S['LeadHistory'] = items('LeadStageChange')
S['ConsortiumRole'] = {'type': 'string', 'enum': ['prime', 'partner', 'supplier']}
S['LeadCompanyDraft'] = {'type': 'object', 'required': ['companyId', 'role'], 'properties': {
    'companyId': uuid(), 'role': ref('ConsortiumRole')}}
S['LeadCompany'] = {'type': 'object', 'required': ['companyId', 'role', 'addedAt'], 'properties': {
    'companyId': uuid(), 'role': ref('ConsortiumRole'), 'addedAt': {'type': 'string', 'format': 'date-time'}}}
S['LeadLocalPartnerDraft'] = {'type': 'object', 'required': ['localPartnerId'], 'properties': {
    'localPartnerId': {**uuid(), 'description': "A local partner company of the lead's city."}}}
S['LeadLocalPartner'] = {'type': 'object', 'required': ['localPartnerId', 'addedAt'], 'properties': {
    'localPartnerId': uuid(), 'addedAt': {'type': 'string', 'format': 'date-time'}}}
S['LeadConsortium'] = {'type': 'object', 'required': ['companies', 'localPartners'], 'properties': {
    'companies': {'type': 'array', 'items': ref('LeadCompany')},
    'localPartners': {'type': 'array', 'items': ref('LeadLocalPartner')}}}
S['ActivityKind'] = {'type': 'string', 'enum': ['meeting', 'site_visit', 'web_meeting', 'workshop', 'call', 'email', 'report']}
S['LeadActivityDraft'] = {'type': 'object', 'required': ['kind', 'occurredOn'], 'properties': {
    'kind': ref('ActivityKind'), 'occurredOn': {'type': 'string', 'format': 'date'},
    'participants': TEXTLIST(), 'notes': nullable('string', minLength=1, maxLength=20000),
    'nextAction': nullable('string', minLength=1, maxLength=1000),
    'nextActionDueOn': nullable('string', format='date', description='Only with nextAction.'),
    'nextActionDone': nullable('boolean', default=False)}}
S['LeadActivity'] = record('LeadActivityDraft', ['id', 'leadId', 'participants', 'nextActionDone', 'version', 'createdAt', 'updatedAt'], {
    'leadId': uuid(), 'createdBy': uuid(), **VERSIONED})
S['LeadActivityPage'] = page('LeadActivity')
S['OverdueAction'] = {'type': 'object', 'required': ['activity', 'leadTitle', 'ownerCoordinatorId', 'daysOverdue'], 'properties': {
    'activity': ref('LeadActivity'), 'leadTitle': {'type': 'string'}, 'ownerCoordinatorId': uuid(),
    'daysOverdue': {'type': 'integer', 'minimum': 1, 'description': 'Whole days past the due date, in Japan time.'}}}
S['OverdueActionList'] = items('OverdueAction')
S['PipelineGrouping'] = {'type': 'string', 'enum': ['stage', 'city', 'coordinator', 'fiscalYear']}
S['PipelineGroup'] = {'type': 'object', 'required': ['key', 'count', 'valueYen'], 'properties': {
    'key': {'type': 'string', 'description': 'A stage, a city id, a coordinator id, or FY2026 (fiscal year of the expected close date) / none.'},
    'count': {'type': 'integer', 'minimum': 0}, 'valueYen': {'type': 'integer', 'minimum': 0}}}
S['Pipeline'] = {'type': 'object', 'required': ['by', 'groups'], 'properties': {
    'by': ref('PipelineGrouping'), 'groups': {'type': 'array', 'items': ref('PipelineGroup')}}}
S['KnowledgeNoteDraft'] = {'type': 'object', 'description': 'At least one of titleJa and titleEn.', 'properties': {
    'titleJa': nullable('string', minLength=1, maxLength=300), 'titleEn': nullable('string', minLength=1, maxLength=300),
    'bodyJa': nullable('string', maxLength=20000), 'bodyEn': nullable('string', maxLength=20000),
    'taxonomyCodes': TEXTLIST(50, 100), 'countries': COUNTRIES}}
S['KnowledgeNote'] = record('KnowledgeNoteDraft', ['id', 'authorCoordinatorId', 'taxonomyCodes', 'countries', 'version', 'createdAt', 'updatedAt'], {
    'authorCoordinatorId': uuid(), **VERSIONED})
S['KnowledgeNotePage'] = page('KnowledgeNote')

P = d['paths']
EX_UUID = '0b6f2a4e-8f7e-4c1a-9d43-5a1e2c3b4d5e'
READ = problems(400, 401, 403, 404)
WRITE = problems(400, 401, 403, 404, 409, 412, 415, 422, 428)
CREATE = problems(400, 401, 403, 404, 409, 415, 422)
TEXTQ = {'type': 'string', 'maxLength': 200}
P['/v1/coordinators'] = {
    'get': op('listCoordinators', 'Coordinator profiles, oldest first (every role).', 'coordinators',
              {**ok('CoordinatorPage', 'A page.'), **problems(400, 401, 403, 422)},
              [q('q', 'Text in the name, former employer or notes.', TEXTQ),
               q('taxonomyCode', 'Expertise in this code (a parent includes its children).', TEXTQ),
               q('country', 'Knows this country (ISO 3166-1 alpha-2).', {'type': 'string', 'pattern': '^[A-Z]{2}$'}),
               q('active', 'Active (true) or inactive (false) profiles.', {'type': 'boolean'})] + PAGING),
    'post': op('createCoordinator', 'Adds the profile of a coordinator or admin user (admin).', 'coordinators',
               {**ok('Coordinator', 'Created.', '201', True), **CREATE}, None,
               body('CoordinatorDraft', {'userId': EX_UUID, 'displayName': '山田 太郎', 'expertiseCodes': ['waste_to_energy'],
                                         'languages': ['ja', 'en'], 'countries': ['VN'], 'formerEmployer': 'Yokohama City', 'capacity': 8}))}
P['/v1/coordinators/{id}'] = {
    'get': op('getCoordinator', 'One coordinator profile (every role).', 'coordinators', {**ok('Coordinator', 'The record.', etag=True), **READ}, [ID]),
    'patch': op('updateCoordinator', 'Edits a profile with a JSON Merge Patch (admin; a coordinator its own, except userId, capacity, active and senior).',
                'coordinators', {**ok('Coordinator', 'Updated.', etag=True), **WRITE}, [ID, IFMATCH],
                patchbody('CoordinatorDraft', {'languages': ['ja', 'en', 'vi']}))}
LEADQ = [q('stage', 'Leads in this stage.', ref('LeadStage')), q('cityId', 'Leads in this city.', uuid()),
         q('ownerCoordinatorId', 'Leads this coordinator owns.', uuid()), q('q', 'Text in the title or source reference.', TEXTQ)]
P['/v1/leads'] = {
    'get': op('listLeads', 'Leads, oldest first (admin, coordinator, viewer; a liaison user those its base brought).', 'leads',
              {**ok('LeadPage', 'A page.'), **problems(400, 401, 403)}, LEADQ + PAGING),
    'post': op('createLead', "Adds a lead in stage lead (admin; a coordinator for itself); the owner must be under capacity.", 'leads',
               {**ok('Lead', 'Created.', '201', True), **CREATE}, None,
               body('LeadDraft', {'title': 'ダナン市 廃棄物発電 案件', 'cityId': EX_UUID, 'needIds': [], 'sourceChannel': 'policy_dialogue',
                                  'sourceReference': '2025 policy dialogue', 'estimatedValueYen': 1200000000, 'expectedCloseOn': '2027-03-31'}))}
P['/v1/leads/pipeline'] = {
    'get': op('getLeadPipeline', 'Lead counts and estimated value per stage, city, coordinator or fiscal year of the expected close date.',
              'leads', {**ok('Pipeline'), **problems(400, 401, 403)},
              [{'name': 'by', 'in': 'query', 'required': True, 'schema': ref('PipelineGrouping')}])}
P['/v1/leads/{id}'] = {
    'get': op('getLead', 'One lead.', 'leads', {**ok('Lead', 'The record.', etag=True), **READ}, [ID]),
    'patch': op('updateLead', 'Edits a lead with a JSON Merge Patch (admin; a coordinator the leads it owns). The stage moves only by transitions.',
                'leads', {**ok('Lead', 'Updated.', etag=True), **WRITE}, [ID, IFMATCH],
                patchbody('LeadDraft', {'estimatedValueYen': 1500000000}))}
P['/v1/leads/{id}/transitions'] = {
    'post': op('transitionLead', 'Moves a lead to another stage and records it in the history; a move the table forbids is a 422 listing the allowed ones.',
               'leads', {**ok('Lead', 'Moved.', etag=True), **WRITE}, [ID, IFMATCH],
               body('LeadTransition', {'to': 'qualified', 'note': '市環境局と面談、予算確認済み'}))}
P['/v1/leads/{id}/history'] = {
    'get': op('listLeadHistory', "A lead's stage history, oldest first; the first entry is the creation.", 'leads',
              {**ok('LeadHistory'), **READ}, [ID])}
P['/v1/leads/{id}/consortium'] = {
    'get': op('getLeadConsortium', 'The companies (with roles) and local partners on a lead.', 'leads', {**ok('LeadConsortium'), **READ}, [ID])}
P['/v1/leads/{id}/companies'] = {
    'post': op('addLeadCompany', 'Adds a company to the consortium (a company already on it is a 409).', 'leads',
               {**ok('LeadCompany', 'Added.', '201'), **CREATE}, [ID], body('LeadCompanyDraft', {'companyId': EX_UUID, 'role': 'prime'}))}
P['/v1/leads/{id}/companies/{companyId}'] = {
    'delete': op('removeLeadCompany', 'Removes a company from the consortium.', 'leads',
                 {'204': {'description': 'Removed.'}, **READ}, [ID, pathparam('companyId', 'The company.')])}
P['/v1/leads/{id}/local-partners'] = {
    'post': op('addLeadLocalPartner', "Adds a local partner company of the lead's city.", 'leads',
               {**ok('LeadLocalPartner', 'Added.', '201'), **CREATE}, [ID], body('LeadLocalPartnerDraft', {'localPartnerId': EX_UUID}))}
P['/v1/leads/{id}/local-partners/{partnerId}'] = {
    'delete': op('removeLeadLocalPartner', 'Removes a local partner from the consortium.', 'leads',
                 {'204': {'description': 'Removed.'}, **READ}, [ID, pathparam('partnerId', 'The local partner company.')])}
# A new activity says what happened or what comes next (ux14); stored ones from before may hold neither.
NEW_ACTIVITY = {'allOf': [ref('LeadActivityDraft'), {
    'description': 'A new activity says what happened (notes) or what comes next (nextAction); a kind and a day alone are a 422 naming notes.',
    'anyOf': [{'required': ['notes'], 'properties': {'notes': {'type': 'string'}}},
              {'required': ['nextAction'], 'properties': {'nextAction': {'type': 'string'}}}]}]}
P['/v1/leads/{id}/activities'] = {
    'get': op('listLeadActivities', "A lead's activities, oldest first.", 'leads', {**ok('LeadActivityPage', 'A page.'), **READ}, [ID] + PAGING),
    'post': op('createLeadActivity', 'Logs a meeting, site visit, web meeting, workshop, call, email or report, with its next action.', 'leads',
               {**ok('LeadActivity', 'Created.', '201', True), **CREATE}, [ID],
               {'required': True, 'content': {'application/json': {'schema': NEW_ACTIVITY, 'example': {
                   'kind': 'site_visit', 'occurredOn': '2026-05-01', 'participants': ['市環境局', 'URENCO'],
                   'notes': '処分場を視察', 'nextAction': '見積書を送る', 'nextActionDueOn': '2026-05-15'}}}})}
P['/v1/activities/overdue'] = {
    'get': op('listOverdueActions', "Open next actions due before today in Japan, oldest first (a coordinator its own leads'; an admin all, or one coordinator's).",
              'leads', {**ok('OverdueActionList'), **problems(400, 401, 403, 422)},
              [q('coordinatorId', "Only this coordinator's leads (admin).", uuid()), {'$ref': '#/components/parameters/Limit'}])}
P['/v1/activities/{id}'] = {
    'patch': op('updateLeadActivity', 'Edits an activity with a JSON Merge Patch; mark the next action done with nextActionDone true.', 'leads',
                {**ok('LeadActivity', 'Updated.', etag=True), **WRITE}, [ID, IFMATCH], patchbody('LeadActivityDraft', {'nextActionDone': True}))}
P['/v1/knowledge-notes'] = {
    'get': op('listKnowledgeNotes', 'Knowledge-base notes, oldest first; text in Japanese or English also finds notes tagged with the taxonomy codes it names (admin, coordinator).',
              'knowledge', {**ok('KnowledgeNotePage', 'A page.'), **problems(400, 401, 403, 422)},
              [q('q', 'Japanese or English text.', TEXTQ), q('taxonomyCode', 'Tagged with this code (a parent includes its children).', TEXTQ),
               q('country', 'Tagged with this country.', {'type': 'string', 'pattern': '^[A-Z]{2}$'})] + PAGING),
    'post': op('createKnowledgeNote', "Adds a note by the caller's coordinator profile (admin, coordinator).", 'knowledge',
               {**ok('KnowledgeNote', 'Created.', '201', True), **CREATE}, None,
               body('KnowledgeNoteDraft', {'titleJa': 'ダナンのごみ質', 'bodyJa': '雨季は含水率が高く発熱量が下がる。',
                                           'taxonomyCodes': ['waste_to_energy'], 'countries': ['VN']}))}
P['/v1/knowledge-notes/{id}'] = {
    'get': op('getKnowledgeNote', 'One note (admin, coordinator).', 'knowledge', {**ok('KnowledgeNote', 'The record.', etag=True), **READ}, [ID]),
    'patch': op('updateKnowledgeNote', 'Edits a note with a JSON Merge Patch (its author; an admin any).', 'knowledge',
                {**ok('KnowledgeNote', 'Updated.', etag=True), **WRITE}, [ID, IFMATCH], patchbody('KnowledgeNoteDraft', {'countries': ['VN', 'TH']}))}

class NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True

def block(obj, indent):
    text = yaml.dump(obj, Dumper=NoAliases, sort_keys=False, allow_unicode=True, width=100 - indent)
    return ''.join((' ' * indent + line if line.strip() else line) for line in text.splitlines(True))

orig_text = open(path).read()
orig = yaml.safe_load(orig_text)
new_paths = {k: v for k, v in d['paths'].items() if k not in orig['paths']}
new_schemas = {k: v for k, v in S.items() if k not in orig['components']['schemas']}
lines = orig_text.splitlines(True)
components = lines.index('components:\n')
security = lines.index('security:\n')
out = lines[:components] + ([block(new_paths, 2)] if new_paths else []) + lines[components:security] \
    + ([block(new_schemas, 4)] if new_schemas else []) + lines[security:]
open(path, 'w').write(''.join(out))
check = yaml.safe_load(open(path))
assert all(check['paths'][k] == v for k, v in new_paths.items())
print(f'added {len(new_paths)} paths and {len(new_schemas)} schemas')
