package org.grantline.documents.storage;

import io.micronaut.context.annotation.Factory;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbc.micronaut.MicronautJdbcLockProvider;

import java.sql.Connection;

/** Where ShedLock keeps its locks: the {@code shedlock} table of this service's database (V3). */
@Factory
class SchedulerLocks {

    @Singleton
    LockProvider lockProvider(TransactionOperations<Connection> transactions) {
        return new MicronautJdbcLockProvider(transactions);
    }
}
