-- One database per service; the gateway's (grantline_gateway) is POSTGRES_DB itself.
CREATE DATABASE grantline_jurisdiction OWNER grantline;
CREATE DATABASE grantline_grants OWNER grantline;
CREATE DATABASE grantline_documents OWNER grantline;
CREATE DATABASE grantline_notifications OWNER grantline;
