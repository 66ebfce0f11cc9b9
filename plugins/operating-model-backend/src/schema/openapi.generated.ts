// Generated from openapi.yaml; edit the YAML, then run
// `OPENAPI_WRITE=1 yarn backstage-cli package test src/router/openapi.test.ts` to write this file again.

/** The plugin's OpenAPI document, as a value the router validates requests with. */
export const spec = {
  "openapi": "3.0.3",
  "info": {
    "title": "operating-model",
    "version": "1",
    "description": "The HTTP API of the operating-model backend plugin, served at `/api/operating-model` (this\ndocument itself at `/api/operating-model/openapi.json`). Every request is checked against this\ndocument before any handler runs: a request that breaks it is answered 400 with a message of the\nform `<parameter>: <what was expected>`, such as `at: expected an ISO 8601 instant such as\n2026-11-27T12:00:00Z; got \"yesterday\"` or `items[3]: expected an object`.\n\nEvery route needs a Backstage user or service token, except the calendar feeds under `/feeds`,\nwhich carry a signed link instead. Entity refs are written `kind:namespace/name` in bodies and\nqueries, and `{kind}/{namespace}/{name}` (lower-case kind) in paths. Instants are ISO 8601 with a\ndate, a time and an offset (`Z` or `±hh:mm`, at most ±18:00), years 1970 to 9999. Windows\n(`from`, `to`) are at most 731 days long.\n\nA request body is JSON, read only after the caller is authenticated and only on the routes below\nthat take one: at most 64 KB, and 5 MB (after `Content-Encoding: gzip` or `deflate` is undone) for\n`POST /events/…`, whose `items` must be an array of at most 10,000 objects.\n\nThe `x-expected` extension on a schema is the wording of its 400 message, and `x-parameter` on a\nparameter the name the message gives it (the three parts of an entity ref in a path are told\nas `path`, as the handlers tell the ref they make of them).\n",
    "license": {
      "name": "Apache-2.0",
      "url": "http://www.apache.org/licenses/LICENSE-2.0.html"
    }
  },
  "servers": [
    {
      "url": "/"
    }
  ],
  "tags": [
    {
      "name": "Services"
    },
    {
      "name": "On call"
    },
    {
      "name": "Events"
    },
    {
      "name": "Measures"
    },
    {
      "name": "Leaders"
    },
    {
      "name": "Directory"
    },
    {
      "name": "Calendar feeds"
    },
    {
      "name": "Sources"
    }
  ],
  "security": [
    {
      "bearerAuth": []
    }
  ],
  "paths": {
    "/services": {
      "get": {
        "operationId": "listServices",
        "tags": [
          "Services"
        ],
        "summary": "Every assessed service, with the values in force at `at`.",
        "parameters": [
          {
            "$ref": "#/components/parameters/at"
          }
        ],
        "responses": {
          "200": {
            "description": "The services.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "at",
                    "items"
                  ],
                  "properties": {
                    "at": {
                      "type": "string",
                      "format": "date-time"
                    },
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/ServiceAssessment"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/services/{kind}/{namespace}/{name}": {
      "get": {
        "operationId": "getService",
        "tags": [
          "Services"
        ],
        "summary": "One service's targets, operating model and on-call level at `at`.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/at"
          }
        ],
        "responses": {
          "200": {
            "description": "The service.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ServiceAssessment"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/on-call": {
      "get": {
        "operationId": "getOnCall",
        "tags": [
          "On call"
        ],
        "summary": "Who is paged for a service at `at` (default now).",
        "parameters": [
          {
            "name": "entityRef",
            "in": "query",
            "required": true,
            "allowReserved": true,
            "description": "The service, such as `component:default/bedroom` (a bare name is a Component).",
            "schema": {
              "$ref": "#/components/schemas/EntityRef"
            }
          },
          {
            "$ref": "#/components/parameters/at"
          }
        ],
        "responses": {
          "200": {
            "description": "Who is paged, and when the shift ends.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OnCallResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/schedules/{kind}/{namespace}/{name}": {
      "get": {
        "operationId": "getSchedule",
        "tags": [
          "On call"
        ],
        "summary": "A Group's rota or a Domain's out-of-hours rota between `from` and `to`.",
        "description": "Without a window, from 7 days ago to 28 days ahead.",
        "parameters": [
          {
            "$ref": "#/components/parameters/rotaKind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          }
        ],
        "responses": {
          "200": {
            "description": "The rota's shifts and overrides.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RotaSchedule"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/schedules/{kind}/{namespace}/{name}.ics": {
      "get": {
        "operationId": "getScheduleCalendar",
        "tags": [
          "Calendar feeds"
        ],
        "summary": "The same rota as an iCalendar file.",
        "description": "Without a window, from 30 days ago to 180 days ahead.",
        "parameters": [
          {
            "$ref": "#/components/parameters/rotaKind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          }
        ],
        "responses": {
          "200": {
            "description": "The rota's shifts as iCalendar events.",
            "content": {
              "text/calendar": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/schedules/{kind}/{namespace}/{name}/overrides": {
      "post": {
        "operationId": "addOverride",
        "tags": [
          "On call"
        ],
        "summary": "Puts a person on a span of the rota, in place of whoever the rotation names.",
        "parameters": [
          {
            "$ref": "#/components/parameters/rotaKind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/OverrideRequest"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The override as stored.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Override"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/schedules/{kind}/{namespace}/{name}/overrides/{id}": {
      "delete": {
        "operationId": "removeOverride",
        "tags": [
          "On call"
        ],
        "summary": "Removes an override, keeping a record of who removed it and when.",
        "parameters": [
          {
            "$ref": "#/components/parameters/rotaKind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 64,
              "pattern": "^[^\\x00]*$"
            }
          }
        ],
        "responses": {
          "204": {
            "description": "Removed."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/schedules/{kind}/{namespace}/{name}/calendar-link": {
      "get": {
        "operationId": "getScheduleCalendarLink",
        "tags": [
          "Calendar feeds"
        ],
        "summary": "A signed link to the rota's calendar feed, for the signed-in user.",
        "parameters": [
          {
            "$ref": "#/components/parameters/rotaKind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "responses": {
          "200": {
            "description": "The link.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CalendarLink"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/people/{namespace}/{name}/calendar-link": {
      "get": {
        "operationId": "getPersonCalendarLink",
        "tags": [
          "Calendar feeds"
        ],
        "summary": "A signed link to a person's own on-call calendar feed.",
        "description": "Only the person, or a holder of `operating-model.calendar-link.others`, gets one.",
        "parameters": [
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "responses": {
          "200": {
            "description": "The link.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CalendarLink"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/people/{namespace}/{name}/calendar-link/reset": {
      "post": {
        "operationId": "resetPersonCalendarLink",
        "tags": [
          "Calendar feeds"
        ],
        "summary": "Revokes every link to the person's feed and answers a new one.",
        "parameters": [
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "responses": {
          "200": {
            "description": "The new link.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CalendarLink"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/feeds/schedules/{kind}/{namespace}/{name}.ics": {
      "get": {
        "operationId": "getScheduleFeed",
        "tags": [
          "Calendar feeds"
        ],
        "summary": "A rota's calendar feed, for a phone to subscribe to; authorised by the signed link.",
        "security": [],
        "parameters": [
          {
            "$ref": "#/components/parameters/rotaKind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/feedToken"
          }
        ],
        "responses": {
          "200": {
            "description": "The rota's shifts from 30 days ago to 180 days ahead.",
            "content": {
              "text/calendar": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          }
        }
      }
    },
    "/feeds/people/{namespace}/{name}.ics": {
      "get": {
        "operationId": "getPersonFeed",
        "tags": [
          "Calendar feeds"
        ],
        "summary": "A person's on-call shifts on every rota, for a phone to subscribe to.",
        "security": [],
        "parameters": [
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/feedToken"
          }
        ],
        "responses": {
          "200": {
            "description": "The person's shifts from 30 days ago to 180 days ahead.",
            "content": {
              "text/calendar": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          }
        }
      }
    },
    "/events/deployments": {
      "post": {
        "operationId": "postDeployments",
        "tags": [
          "Events"
        ],
        "summary": "Deployments: source, externalId, service, environment, buildTime, deployTime, …",
        "requestBody": {
          "$ref": "#/components/requestBodies/EventBatch"
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/EventsWritten"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        }
      }
    },
    "/events/incidents": {
      "post": {
        "operationId": "postIncidents",
        "tags": [
          "Events"
        ],
        "summary": "Incidents: source, externalId, services, startedAt, acknowledgedAt, restoredAt, …",
        "requestBody": {
          "$ref": "#/components/requestBodies/EventBatch"
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/EventsWritten"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        }
      }
    },
    "/events/availability": {
      "post": {
        "operationId": "postAvailability",
        "tags": [
          "Events"
        ],
        "summary": "Availability: source, externalId, service, start, end, good, total.",
        "requestBody": {
          "$ref": "#/components/requestBodies/EventBatch"
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/EventsWritten"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        }
      }
    },
    "/events/reviews": {
      "post": {
        "operationId": "postReviews",
        "tags": [
          "Events"
        ],
        "summary": "Post-incident reviews: source, externalId, services, url, publishedAt, …",
        "requestBody": {
          "$ref": "#/components/requestBodies/EventBatch"
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/EventsWritten"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        }
      }
    },
    "/events/review-reads": {
      "post": {
        "operationId": "postReviewReads",
        "tags": [
          "Events"
        ],
        "summary": "Reads of a review: source, reviewExternalId, person, readAt.",
        "requestBody": {
          "$ref": "#/components/requestBodies/EventBatch"
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/EventsWritten"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        }
      }
    },
    "/events/actions": {
      "post": {
        "operationId": "postActions",
        "tags": [
          "Events"
        ],
        "summary": "Improvement actions: source, externalId, service, definedAt, completedAt, …",
        "requestBody": {
          "$ref": "#/components/requestBodies/EventBatch"
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/EventsWritten"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        }
      }
    },
    "/events/chaos-days": {
      "post": {
        "operationId": "postChaosDays",
        "tags": [
          "Events"
        ],
        "summary": "Chaos days: source, externalId, service, date.",
        "requestBody": {
          "$ref": "#/components/requestBodies/EventBatch"
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/EventsWritten"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        }
      }
    },
    "/events/rework": {
      "post": {
        "operationId": "postRework",
        "tags": [
          "Events"
        ],
        "summary": "Rework: source, externalId, team, week, hours, …",
        "requestBody": {
          "$ref": "#/components/requestBodies/EventBatch"
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/EventsWritten"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        }
      }
    },
    "/measures": {
      "get": {
        "operationId": "getLeaders",
        "tags": [
          "Leaders"
        ],
        "summary": "Every team's or domain's measures, and the whole organisation's.",
        "parameters": [
          {
            "name": "groupBy",
            "in": "query",
            "required": true,
            "schema": {
              "type": "string",
              "enum": [
                "team",
                "domain"
              ],
              "x-expected": "expected team or domain"
            }
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          }
        ],
        "responses": {
          "200": {
            "description": "The leaders' view.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/LeadersMeasures"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/measures/{kind}/{namespace}/{name}": {
      "get": {
        "operationId": "getMeasures",
        "tags": [
          "Measures"
        ],
        "summary": "The measures of a Component, Group or Domain over a window (default the last 90 days).",
        "parameters": [
          {
            "$ref": "#/components/parameters/measuredKind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          }
        ],
        "responses": {
          "200": {
            "description": "The measures.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EntityMeasures"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/measures/{kind}/{namespace}/{name}/series": {
      "get": {
        "operationId": "getMeasureSeries",
        "tags": [
          "Measures"
        ],
        "summary": "The series behind the measures' charts, over the same window.",
        "parameters": [
          {
            "$ref": "#/components/parameters/measuredKind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          }
        ],
        "responses": {
          "200": {
            "description": "The series.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/MeasureSeries"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/directory/services": {
      "get": {
        "operationId": "queryDirectory",
        "tags": [
          "Directory"
        ],
        "summary": "A page of the directory's rows, searched, filtered and grouped, with the counts.",
        "description": "Every word of `query` must match the service (its name, owner, domain, system or the person\non call now) or its owning team (the team's name, or a name or email of its people). The\nrows are services, or services under team or domain headings with `groupBy`; `offset` and\n`limit` count headings too, and `itemCount` is the length of the whole list. This replaces\n`GET /directory`, whose one answer of every row was 55 MiB of JSON at 50,000 services.\n",
        "parameters": [
          {
            "name": "query",
            "in": "query",
            "allowReserved": true,
            "schema": {
              "type": "string",
              "maxLength": 200,
              "pattern": "^[^\\x00]*$"
            }
          },
          {
            "name": "domain",
            "in": "query",
            "allowReserved": true,
            "schema": {
              "type": "string",
              "maxLength": 255,
              "pattern": "^[^\\x00]*$",
              "x-expected": "expected a domain entity ref such as domain:default/checkout"
            }
          },
          {
            "name": "team",
            "in": "query",
            "allowReserved": true,
            "schema": {
              "type": "string",
              "maxLength": 255,
              "pattern": "^[^\\x00]*$",
              "x-expected": "expected an owner's entity ref such as group:default/payments-team"
            }
          },
          {
            "name": "model",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "you-build-it-you-run-it",
                "ops-run-it",
                "unknown"
              ],
              "x-expected": "expected you-build-it-you-run-it, ops-run-it or unknown"
            }
          },
          {
            "name": "availabilityTarget",
            "in": "query",
            "schema": {
              "type": "string",
              "pattern": "^(none|\\d{1,3}(\\.\\d{1,4})?)$",
              "x-expected": "expected a target in percent such as 99.9, or none"
            }
          },
          {
            "name": "outOfHours",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "team",
                "domain",
                "none",
                "unknown"
              ],
              "x-expected": "expected team, domain, none or unknown"
            }
          },
          {
            "name": "hasProblems",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "true",
                "false"
              ],
              "x-expected": "expected true or false"
            }
          },
          {
            "name": "groupBy",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "none",
                "team",
                "domain"
              ],
              "x-expected": "expected none, team or domain"
            }
          },
          {
            "name": "offset",
            "in": "query",
            "schema": {
              "type": "string",
              "pattern": "^\\d{1,7}$",
              "x-expected": "expected a whole number of rows from 0"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "string",
              "pattern": "^([1-9]|[1-9]\\d|[1-4]\\d\\d|500)$",
              "x-expected": "expected a whole number of rows from 1 to 500"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The page.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DirectoryServicesPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/directory/facets": {
      "get": {
        "operationId": "getDirectoryFacets",
        "tags": [
          "Directory"
        ],
        "summary": "The teams and domains to filter the directory by, sorted by title.",
        "description": "Sent gzipped when the client accepts it, with an ETag; unchanged facets are a 304.",
        "responses": {
          "200": {
            "description": "The teams and domains.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DirectoryFacets"
                }
              }
            }
          },
          "304": {
            "description": "Unchanged since the ETag given in `If-None-Match`."
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/directory/services/{kind}/{namespace}/{name}": {
      "get": {
        "operationId": "getDirectoryService",
        "tags": [
          "Directory"
        ],
        "summary": "One service's directory row.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "responses": {
          "200": {
            "description": "The row.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DirectoryService"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/reviews/{source}/{externalId}/read": {
      "post": {
        "operationId": "readReview",
        "tags": [
          "Measures"
        ],
        "summary": "Records the signed-in user as a reader of a post-incident review and answers its url.",
        "parameters": [
          {
            "name": "source",
            "in": "path",
            "required": true,
            "schema": {
              "$ref": "#/components/schemas/PathSegment"
            }
          },
          {
            "name": "externalId",
            "in": "path",
            "required": true,
            "schema": {
              "$ref": "#/components/schemas/PathSegment"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Where the review is.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "url"
                  ],
                  "properties": {
                    "url": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/incident-loss": {
      "post": {
        "operationId": "getIncidentLoss",
        "tags": [
          "Leaders"
        ],
        "summary": "Rule 10, how bad an incident going on now is and how fast to restore.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/IncidentLossRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The category with the figures it was decided on.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/IncidentLossAnswer"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/costs": {
      "get": {
        "operationId": "getOnCallCosts",
        "tags": [
          "Leaders"
        ],
        "summary": "On-call standby and callout cost per team and domain (default the last 90 days).",
        "parameters": [
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          }
        ],
        "responses": {
          "200": {
            "description": "The cost report.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OnCallCostReport"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/on-call-load": {
      "get": {
        "operationId": "getOnCallLoad",
        "tags": [
          "Leaders"
        ],
        "summary": "Fair load and pay per person and rota (default the calendar quarter holding now).",
        "description": "Per person and rota: hours on call in and out of hours (overrides applied), out-of-hours\ncallouts (incidents that started out of hours on a service the rota covers), standby and\ncallout pay under `onCall.remuneration`, and how far each person is from the rota's\naverage hours; people more than `onCall.fairLoad.flagAbove` above it are flagged.\nOpted-out people are counted, never named. Needs `operating-model.on-call-load.read`.\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          }
        ],
        "responses": {
          "200": {
            "description": "The fair-load report.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OnCallLoadReport"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          }
        }
      }
    },
    "/pitfalls": {
      "get": {
        "operationId": "getPitfalls",
        "tags": [
          "Leaders"
        ],
        "summary": "Rule 12's pitfall signals and the quarterly reflection (default the last 90 days).",
        "parameters": [
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          }
        ],
        "responses": {
          "200": {
            "description": "The pitfalls.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PitfallsAnswer"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/sources": {
      "get": {
        "operationId": "getEventSources",
        "tags": [
          "Sources"
        ],
        "summary": "The event sources backend modules add, with their schedule and the state of their runs.",
        "responses": {
          "200": {
            "description": "Every event source, configured or not.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EventSources"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "description": "A Backstage user token from the app, or a service or static token for machines."
      }
    },
    "parameters": {
      "kind": {
        "name": "kind",
        "in": "path",
        "required": true,
        "x-parameter": "path",
        "schema": {
          "$ref": "#/components/schemas/PathSegment"
        }
      },
      "rotaKind": {
        "name": "kind",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "enum": [
            "group",
            "domain"
          ],
          "x-expected": "schedules are kept for a group or a domain"
        }
      },
      "measuredKind": {
        "name": "kind",
        "in": "path",
        "required": true,
        "x-parameter": "path",
        "schema": {
          "type": "string",
          "enum": [
            "component",
            "group",
            "domain"
          ],
          "x-expected": "expected an entity ref of kind component or group or domain"
        }
      },
      "namespace": {
        "name": "namespace",
        "in": "path",
        "required": true,
        "x-parameter": "path",
        "schema": {
          "$ref": "#/components/schemas/PathSegment"
        }
      },
      "name": {
        "name": "name",
        "in": "path",
        "required": true,
        "x-parameter": "path",
        "schema": {
          "$ref": "#/components/schemas/PathSegment"
        }
      },
      "at": {
        "name": "at",
        "in": "query",
        "required": false,
        "allowReserved": true,
        "description": "The instant to answer for; absent means now.",
        "schema": {
          "$ref": "#/components/schemas/Instant"
        }
      },
      "from": {
        "name": "from",
        "in": "query",
        "required": false,
        "allowReserved": true,
        "description": "The start of the window, included.",
        "schema": {
          "$ref": "#/components/schemas/Instant"
        }
      },
      "to": {
        "name": "to",
        "in": "query",
        "required": false,
        "allowReserved": true,
        "description": "The end of the window, excluded; at most 731 days after `from`.",
        "schema": {
          "$ref": "#/components/schemas/Instant"
        }
      },
      "feedToken": {
        "name": "token",
        "in": "query",
        "required": true,
        "allowReserved": true,
        "description": "The signature of the link, as `calendar-link` issued it.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 1024,
          "pattern": "^[A-Za-z0-9._~-]+$",
          "x-expected": "expected the token of a calendar link"
        }
      }
    },
    "requestBodies": {
      "EventBatch": {
        "required": true,
        "description": "A batch of events of one kind, written whole or not at all; an event sent again (same\n`source` and `externalId`) replaces the one stored. The fields of each kind are checked by\nthe handler, whose 400 names the item and the field, such as\n`items[3].deployTime: expected an ISO 8601 instant`.\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/EventBatch"
            }
          }
        }
      }
    },
    "responses": {
      "BadRequest": {
        "description": "The request breaks this document or the domain's rules; the message names the parameter.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Unauthorized": {
        "description": "No valid Backstage token, or one of a kind this route does not take.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Forbidden": {
        "description": "The permission policy, or the feed link, does not allow it.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "NotFound": {
        "description": "The catalog has no such entity, or the store no such item.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "PayloadTooLarge": {
        "description": "The body is larger than the route takes.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "EventsWritten": {
        "description": "How many events were written, and the entities named that the catalog does not know (kept all the same).",
        "content": {
          "application/json": {
            "schema": {
              "type": "object",
              "required": [
                "written",
                "unknownEntities"
              ],
              "properties": {
                "written": {
                  "type": "integer"
                },
                "unknownEntities": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                }
              }
            }
          }
        }
      },
      "ServiceUnavailable": {
        "description": "The catalog has not been read yet.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    },
    "schemas": {
      "Error": {
        "description": "Backstage's error body.",
        "type": "object",
        "required": [
          "error",
          "request",
          "response"
        ],
        "properties": {
          "error": {
            "type": "object",
            "required": [
              "name",
              "message"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "message": {
                "type": "string"
              }
            }
          },
          "request": {
            "type": "object",
            "properties": {
              "method": {
                "type": "string"
              },
              "url": {
                "type": "string"
              }
            }
          },
          "response": {
            "type": "object",
            "required": [
              "statusCode"
            ],
            "properties": {
              "statusCode": {
                "type": "integer"
              }
            }
          }
        }
      },
      "PathSegment": {
        "type": "string",
        "minLength": 1,
        "maxLength": 255,
        "pattern": "^[^\\x00]*$"
      },
      "Instant": {
        "type": "string",
        "format": "date-time",
        "maxLength": 40,
        "example": "2026-11-27T12:00:00Z",
        "x-expected": "expected an ISO 8601 instant such as 2026-11-27T12:00:00Z"
      },
      "EntityRef": {
        "type": "string",
        "minLength": 1,
        "maxLength": 255,
        "pattern": "^[^\\x00]*$",
        "example": "component:default/bedroom",
        "x-expected": "expected an entity ref such as component:default/bedroom"
      },
      "EventBatch": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "items"
        ],
        "properties": {
          "items": {
            "type": "array",
            "maxItems": 10000,
            "items": {
              "type": "object"
            }
          }
        }
      },
      "OverrideRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "person",
          "start",
          "end"
        ],
        "properties": {
          "person": {
            "description": "The user who covers, such as `user:default/jane`.",
            "allOf": [
              {
                "$ref": "#/components/schemas/EntityRef"
              }
            ]
          },
          "start": {
            "$ref": "#/components/schemas/Instant"
          },
          "end": {
            "$ref": "#/components/schemas/Instant"
          },
          "covers": {
            "description": "The user covered, where known.",
            "type": "string",
            "nullable": true,
            "maxLength": 255,
            "pattern": "^[^\\x00]*$"
          },
          "reason": {
            "type": "string",
            "maxLength": 500,
            "pattern": "^[^\\x00]*$"
          }
        }
      },
      "Override": {
        "type": "object",
        "required": [
          "id",
          "person",
          "start",
          "end",
          "createdBy",
          "createdAt"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "person": {
            "type": "string"
          },
          "start": {
            "type": "string",
            "format": "date-time"
          },
          "end": {
            "type": "string",
            "format": "date-time"
          },
          "covers": {
            "type": "string",
            "nullable": true
          },
          "createdBy": {
            "type": "string"
          },
          "createdAt": {
            "type": "string",
            "format": "date-time"
          },
          "reason": {
            "type": "string"
          }
        }
      },
      "CalendarLink": {
        "type": "object",
        "required": [
          "path"
        ],
        "properties": {
          "path": {
            "type": "string",
            "description": "The feed's path under the plugin's base URL, with its token."
          },
          "for": {
            "type": "string"
          },
          "issuedAt": {
            "type": "string",
            "format": "date-time"
          },
          "expiresAt": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "ServiceAssessment": {
        "type": "object",
        "required": [
          "entityRef",
          "serviceClass",
          "owner",
          "domain",
          "financialExposurePerHour",
          "availabilityTarget",
          "tolerableUnavailabilitySecondsPerWeek",
          "deploymentTarget",
          "operatingModel",
          "onCall",
          "problems",
          "warnings",
          "at"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "serviceClass": {
            "type": "string",
            "nullable": true,
            "enum": [
              "digital-service",
              "foundational-system",
              null
            ]
          },
          "owner": {
            "type": "string",
            "nullable": true
          },
          "system": {
            "type": "string",
            "nullable": true
          },
          "domain": {
            "type": "string",
            "nullable": true
          },
          "financialExposurePerHour": {
            "type": "number",
            "nullable": true
          },
          "peakFinancialExposurePerHour": {
            "type": "number",
            "nullable": true
          },
          "featureDemand": {
            "type": "string",
            "nullable": true
          },
          "availabilityTarget": {
            "type": "number",
            "nullable": true
          },
          "tolerableUnavailabilitySecondsPerWeek": {
            "type": "number",
            "nullable": true
          },
          "deploymentTarget": {
            "type": "string",
            "nullable": true
          },
          "operatingModel": {
            "type": "object",
            "properties": {
              "recommended": {
                "type": "string",
                "nullable": true
              },
              "declared": {
                "type": "string",
                "nullable": true
              },
              "trafficLight": {
                "type": "string",
                "nullable": true
              },
              "leaning": {
                "type": "string",
                "nullable": true
              }
            }
          },
          "onCall": {
            "type": "object",
            "properties": {
              "workingHours": {
                "type": "string"
              },
              "outOfHours": {
                "type": "string",
                "nullable": true
              }
            }
          },
          "peak": {
            "type": "object",
            "nullable": true
          },
          "practices": {
            "type": "object"
          },
          "links": {
            "type": "object"
          },
          "problems": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "annotation",
                "value",
                "message"
              ],
              "properties": {
                "annotation": {
                  "type": "string"
                },
                "value": {
                  "type": "string"
                },
                "message": {
                  "type": "string"
                }
              }
            }
          },
          "warnings": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "code",
                "message"
              ],
              "properties": {
                "code": {
                  "type": "string"
                },
                "message": {
                  "type": "string"
                }
              }
            }
          },
          "titles": {
            "type": "object"
          },
          "at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "OnCallResult": {
        "type": "object",
        "required": [
          "entityRef",
          "at",
          "period",
          "schedule",
          "person",
          "shiftEnd",
          "periodEnd",
          "next"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "at": {
            "type": "string",
            "format": "date-time"
          },
          "period": {
            "type": "string",
            "enum": [
              "working-hours",
              "out-of-hours"
            ]
          },
          "schedule": {
            "type": "string",
            "enum": [
              "team",
              "domain",
              "none"
            ]
          },
          "person": {
            "type": "string",
            "nullable": true
          },
          "shiftEnd": {
            "description": "The end of the person's shift, which may run past the end of the period.",
            "type": "string",
            "nullable": true
          },
          "periodEnd": {
            "description": "The end of the period (the close of working hours, or the next working-hours start); the answer changes at the earlier of this and shiftEnd.",
            "type": "string",
            "format": "date-time"
          },
          "next": {
            "type": "object",
            "nullable": true
          },
          "rotas": {
            "type": "object"
          },
          "workingHours": {
            "type": "object"
          }
        }
      },
      "RotaSchedule": {
        "type": "object",
        "required": [
          "rotaRef",
          "kind",
          "participants",
          "teams",
          "shifts",
          "overrides",
          "problems",
          "timezone"
        ],
        "properties": {
          "rotaRef": {
            "type": "string"
          },
          "kind": {
            "type": "string",
            "enum": [
              "team",
              "domain"
            ]
          },
          "participants": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "teams": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "shifts": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "person",
                "start",
                "end",
                "override"
              ],
              "properties": {
                "person": {
                  "type": "string"
                },
                "start": {
                  "type": "string"
                },
                "end": {
                  "type": "string"
                },
                "override": {
                  "type": "boolean"
                },
                "team": {
                  "type": "string"
                }
              }
            }
          },
          "overrides": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Override"
            }
          },
          "problems": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "timezone": {
            "type": "string"
          },
          "optedOutCount": {
            "type": "integer"
          }
        }
      },
      "EntityMeasures": {
        "type": "object",
        "required": [
          "entityRef",
          "from",
          "to",
          "services",
          "targets"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "title": {
            "type": "string",
            "nullable": true
          },
          "from": {
            "type": "string",
            "format": "date-time"
          },
          "to": {
            "type": "string",
            "format": "date-time"
          },
          "services": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "targets": {
            "type": "object"
          },
          "deploymentFrequency": {
            "type": "object"
          },
          "leadTimeDays": {
            "type": "object"
          },
          "looseCoupling": {
            "type": "object"
          },
          "preApprovedChanges": {
            "type": "object"
          },
          "availability": {
            "type": "object"
          },
          "timeToRestoreMinutes": {
            "type": "object"
          },
          "timeToAcknowledgeMinutes": {
            "type": "object"
          },
          "financialLossProtection": {
            "type": "object"
          },
          "postIncidentReviewReaders": {
            "type": "object"
          },
          "chaosDays": {
            "type": "object"
          },
          "improvementActionLeadTimeDays": {
            "type": "object"
          },
          "improvementActionIntervalDays": {
            "type": "object"
          },
          "reworkRate": {
            "type": "object"
          },
          "changeFailureRate": {
            "type": "object",
            "description": "Production deployments followed by an incident on the service before its next deployment."
          },
          "failedDeploymentRecoveryMinutes": {
            "type": "object",
            "description": "From the incident that failed a deployment to its restoration."
          },
          "dora": {
            "type": "object",
            "description": "The DORA performance level (elite, high, medium, low) each key metric reaches, and the report year."
          },
          "sources": {
            "type": "object",
            "description": "The sources of the events the figures rest on, by kind (deployments, incidents, availability)."
          }
        }
      },
      "LeadersMeasures": {
        "type": "object",
        "required": [
          "groupBy",
          "from",
          "to",
          "items",
          "organisation"
        ],
        "properties": {
          "groupBy": {
            "type": "string",
            "enum": [
              "team",
              "domain"
            ]
          },
          "from": {
            "type": "string",
            "format": "date-time"
          },
          "to": {
            "type": "string",
            "format": "date-time"
          },
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/EntityMeasures"
            }
          },
          "organisation": {
            "$ref": "#/components/schemas/EntityMeasures"
          }
        }
      },
      "MeasureSeries": {
        "type": "object",
        "required": [
          "entityRef",
          "from",
          "to",
          "deploymentsPerWeek",
          "availabilityPerDay",
          "incidents",
          "leadTimes",
          "target",
          "errorBudget"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "from": {
            "type": "string",
            "format": "date-time"
          },
          "to": {
            "type": "string",
            "format": "date-time"
          },
          "deploymentsPerWeek": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "availabilityPerDay": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "incidents": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "leadTimes": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "target": {
            "type": "object",
            "nullable": true
          },
          "errorBudget": {
            "type": "object",
            "nullable": true
          }
        }
      },
      "DirectoryServicesPage": {
        "type": "object",
        "required": [
          "catalogReadAt",
          "onCallAt",
          "measuresWindow",
          "total",
          "matched",
          "itemCount",
          "offset",
          "items",
          "availabilityTargets"
        ],
        "properties": {
          "catalogReadAt": {
            "type": "string",
            "format": "date-time"
          },
          "onCallAt": {
            "type": "string",
            "nullable": true
          },
          "measuresWindow": {
            "type": "object",
            "nullable": true
          },
          "total": {
            "type": "integer"
          },
          "matched": {
            "type": "integer"
          },
          "itemCount": {
            "type": "integer"
          },
          "offset": {
            "type": "integer"
          },
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/DirectoryItem"
            }
          },
          "availabilityTargets": {
            "type": "array",
            "items": {
              "type": "number"
            }
          }
        }
      },
      "DirectoryItem": {
        "description": "A service (`kind` service, with `service`), or a team's or a domain's heading.",
        "type": "object",
        "required": [
          "kind",
          "key"
        ],
        "properties": {
          "kind": {
            "type": "string",
            "enum": [
              "service",
              "team",
              "domain"
            ]
          },
          "key": {
            "type": "string"
          },
          "service": {
            "$ref": "#/components/schemas/DirectoryService"
          },
          "team": {
            "type": "object",
            "nullable": true
          },
          "domain": {
            "type": "object",
            "nullable": true
          },
          "teams": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "title": {
            "type": "string"
          },
          "count": {
            "type": "integer"
          }
        }
      },
      "DirectoryFacets": {
        "type": "object",
        "required": [
          "teams",
          "domains"
        ],
        "properties": {
          "teams": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/DirectoryChoice"
            }
          },
          "domains": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/DirectoryChoice"
            }
          }
        }
      },
      "DirectoryChoice": {
        "type": "object",
        "required": [
          "ref",
          "title"
        ],
        "properties": {
          "ref": {
            "type": "string"
          },
          "title": {
            "type": "string"
          }
        }
      },
      "DirectoryService": {
        "type": "object",
        "required": [
          "ref",
          "title",
          "owner",
          "domain",
          "model",
          "onCall",
          "problems",
          "ownership",
          "measures"
        ],
        "properties": {
          "ref": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "owner": {
            "type": "string",
            "nullable": true
          },
          "ownerTitle": {
            "type": "string",
            "nullable": true
          },
          "domain": {
            "type": "string",
            "nullable": true
          },
          "domainTitle": {
            "type": "string",
            "nullable": true
          },
          "system": {
            "type": "string",
            "nullable": true
          },
          "systemTitle": {
            "type": "string",
            "nullable": true
          },
          "model": {
            "type": "object"
          },
          "availabilityTarget": {
            "type": "number",
            "nullable": true
          },
          "deploymentTarget": {
            "type": "string",
            "nullable": true
          },
          "outOfHours": {
            "type": "string",
            "nullable": true
          },
          "onCall": {
            "type": "object",
            "nullable": true
          },
          "links": {
            "type": "object"
          },
          "problems": {
            "type": "integer"
          },
          "ownership": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "measures": {
            "type": "object"
          }
        }
      },
      "IncidentLossRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "journey",
          "security"
        ],
        "properties": {
          "entityRef": {
            "description": "The service having the incident; its financial exposure is the loss rate when none is given.",
            "type": "string",
            "nullable": true,
            "maxLength": 255,
            "pattern": "^[^\\x00]*$",
            "x-expected": "expected a component entity ref such as component:default/bedroom"
          },
          "lossSoFar": {
            "$ref": "#/components/schemas/Money"
          },
          "lossPerHour": {
            "$ref": "#/components/schemas/Money"
          },
          "minutesSoFar": {
            "type": "number",
            "nullable": true,
            "x-expected": "expected a non-negative number of minutes"
          },
          "journey": {
            "type": "string",
            "enum": [
              "blocked",
              "degraded",
              "ok"
            ],
            "x-expected": "expected one of blocked, degraded, ok"
          },
          "security": {
            "type": "boolean",
            "x-expected": "expected true or false"
          }
        }
      },
      "Money": {
        "description": "A non-negative amount, as a number or as text such as `12K` or `1.5M`, or null. Left\nuntyped here (OpenAPI 3.0 has no nullable union), and read by the handler.\n",
        "x-expected": "expected a non-negative amount such as 12000, 12K or 1.5M"
      },
      "IncidentLossAnswer": {
        "type": "object",
        "required": [
          "category",
          "response",
          "reasons",
          "entityRef",
          "lossSoFar",
          "lossPerHour",
          "minutesSoFar",
          "lossPerHourSource",
          "currency"
        ],
        "properties": {
          "category": {
            "type": "string",
            "enum": [
              "major",
              "minor"
            ]
          },
          "response": {
            "type": "string",
            "enum": [
              "restore-immediately",
              "restore-next-working-day",
              "restore-when-possible"
            ]
          },
          "reasons": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "entityRef": {
            "type": "string",
            "nullable": true
          },
          "lossSoFar": {
            "type": "number",
            "nullable": true
          },
          "lossPerHour": {
            "type": "number",
            "nullable": true
          },
          "minutesSoFar": {
            "type": "number",
            "nullable": true
          },
          "lossPerHourSource": {
            "type": "string",
            "nullable": true,
            "enum": [
              "given",
              "financial-exposure",
              null
            ]
          },
          "currency": {
            "type": "string"
          }
        }
      },
      "OnCallLoadReport": {
        "type": "object",
        "required": [
          "from",
          "to",
          "currency",
          "remuneration",
          "flagAbove",
          "rotas"
        ],
        "properties": {
          "from": {
            "type": "string",
            "format": "date-time"
          },
          "to": {
            "type": "string",
            "format": "date-time"
          },
          "currency": {
            "type": "string"
          },
          "remuneration": {
            "type": "object"
          },
          "flagAbove": {
            "type": "number"
          },
          "rotas": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "rotaRef",
                "kind",
                "title",
                "optedOutCount",
                "averageHours",
                "people"
              ],
              "properties": {
                "rotaRef": {
                  "type": "string"
                },
                "kind": {
                  "type": "string",
                  "enum": [
                    "team",
                    "domain"
                  ]
                },
                "title": {
                  "type": "string",
                  "nullable": true
                },
                "optedOutCount": {
                  "type": "integer"
                },
                "averageHours": {
                  "type": "number"
                },
                "people": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": [
                      "person",
                      "hoursInHours",
                      "hoursOutOfHours",
                      "callouts",
                      "calloutHours",
                      "standbyPay",
                      "calloutPay",
                      "totalPay",
                      "fromAverage",
                      "flagged"
                    ],
                    "properties": {
                      "person": {
                        "type": "string"
                      },
                      "hoursInHours": {
                        "type": "number"
                      },
                      "hoursOutOfHours": {
                        "type": "number"
                      },
                      "callouts": {
                        "type": "integer"
                      },
                      "calloutHours": {
                        "type": "number"
                      },
                      "standbyPay": {
                        "type": "number"
                      },
                      "calloutPay": {
                        "type": "number"
                      },
                      "totalPay": {
                        "type": "number"
                      },
                      "fromAverage": {
                        "type": "number"
                      },
                      "flagged": {
                        "type": "boolean"
                      }
                    }
                  }
                }
              }
            }
          }
        }
      },
      "OnCallCostReport": {
        "type": "object",
        "required": [
          "from",
          "to",
          "currency",
          "weeks",
          "remuneration",
          "teams",
          "domains",
          "totals",
          "whatIf"
        ],
        "properties": {
          "from": {
            "type": "string",
            "format": "date-time"
          },
          "to": {
            "type": "string",
            "format": "date-time"
          },
          "currency": {
            "type": "string"
          },
          "weeks": {
            "type": "number"
          },
          "remuneration": {
            "type": "object"
          },
          "teams": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "domains": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "totals": {
            "type": "object",
            "required": [
              "standby",
              "callout",
              "total"
            ],
            "properties": {
              "standby": {
                "type": "number"
              },
              "callout": {
                "type": "number"
              },
              "total": {
                "type": "number"
              }
            }
          },
          "whatIf": {
            "type": "object"
          }
        }
      },
      "EventSources": {
        "type": "object",
        "required": [
          "items"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/EventSource"
            }
          }
        }
      },
      "EventSource": {
        "type": "object",
        "required": [
          "id",
          "kinds",
          "enabled",
          "schedule",
          "lastRunAt",
          "lastSuccessAt",
          "eventsWritten",
          "lastError",
          "mapped",
          "unmapped"
        ],
        "properties": {
          "id": {
            "type": "string",
            "example": "pagerduty"
          },
          "kinds": {
            "type": "array",
            "items": {
              "type": "string",
              "enum": [
                "deployments",
                "incidents",
                "availability"
              ]
            }
          },
          "enabled": {
            "type": "boolean",
            "description": "False when operatingModel.sources.<id> is not configured; the source never runs."
          },
          "schedule": {
            "type": "object",
            "nullable": true,
            "description": "The task schedule (frequency, timeout, initialDelay) as Backstage's scheduler reads it."
          },
          "lastRunAt": {
            "type": "string",
            "format": "date-time",
            "nullable": true
          },
          "lastSuccessAt": {
            "type": "string",
            "format": "date-time",
            "nullable": true
          },
          "eventsWritten": {
            "type": "integer"
          },
          "lastError": {
            "type": "string",
            "nullable": true
          },
          "mapped": {
            "type": "integer",
            "nullable": true,
            "description": "Components the source maps to the tool it reads, on its last read."
          },
          "unmapped": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "entityRef",
                "reason"
              ],
              "properties": {
                "entityRef": {
                  "type": "string"
                },
                "reason": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "PitfallsAnswer": {
        "type": "object",
        "required": [
          "from",
          "to",
          "at",
          "currency",
          "pitfalls",
          "reflection"
        ],
        "properties": {
          "from": {
            "type": "string",
            "format": "date-time"
          },
          "to": {
            "type": "string",
            "format": "date-time"
          },
          "at": {
            "type": "string",
            "format": "date-time"
          },
          "currency": {
            "type": "string"
          },
          "pitfalls": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "reflection": {
            "type": "object"
          }
        }
      }
    }
  }
} as const;
