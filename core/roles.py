"""The organisation's roles as Django groups, and the stage each one signs off.

Used by the data migration that creates them and by the demo-content command.
"""

EDITORS = "Editors"
ENGAGEMENT_TEAM = "Engagement team"
EQUALITY_LEAD = "Equality and diversity lead"
CLINICAL_LEADS = "Clinical leads"
LAY_MEMBERS = "Lay members"
GOVERNING_BODY = "Governing Body"

ROLES = [EDITORS, ENGAGEMENT_TEAM, EQUALITY_LEAD, CLINICAL_LEADS, LAY_MEMBERS, GOVERNING_BODY]
APPROVER_ROLES = [ENGAGEMENT_TEAM, EQUALITY_LEAD, CLINICAL_LEADS, LAY_MEMBERS, GOVERNING_BODY]
# Roles that write pages and plans; neither may publish, unpublish or approve on its own.
DRAFTING_ROLES = [EDITORS, ENGAGEMENT_TEAM]

CONSULTATION_SIGNOFF = "Consultation sign-off"
EDITORIAL_REVIEW = "Editorial review"

# (task model name, task name, group), in the order the stages run.
SIGNOFF_STAGES = [
    ("engagementreviewtask", "Engagement team review", ENGAGEMENT_TEAM),
    ("equalityimpacttask", "Equality impact check", EQUALITY_LEAD),
    ("clinicalleadtask", "Clinical lead sign-off", CLINICAL_LEADS),
    ("laymembertask", "Lay member (PPI) review", LAY_MEMBERS),
    ("governingbodytask", "Governing Body sign-off", GOVERNING_BODY),
]
EDITORIAL_TASK = "Editorial review by the Engagement team"

# Documents that belong to plans (equality impact assessments…) go here; only signed-in staff
# can download them, and the public API does not list them.
INTERNAL_COLLECTION = "Consultation plans (internal)"
