package cn.tongxin.audit;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;

interface AuditRepository extends JpaRepository<AuditEvent, Long> {

    @Query("""
            select e from AuditEvent e
            where (:actor = '' or lower(e.actor) like lower(concat(:actor, '%')))
              and (:action = '' or e.action = :action)
              and (:targetType = '' or e.targetType = :targetType)
              and (:targetId is null or e.targetId = :targetId)
              and e.at >= :from and e.at < :to
            order by e.at desc, e.id desc""")
    List<AuditEvent> search(String actor, String action, String targetType, Long targetId, Instant from, Instant to, Pageable page);

    @Query("""
            select count(e) from AuditEvent e
            where (:actor = '' or lower(e.actor) like lower(concat(:actor, '%')))
              and (:action = '' or e.action = :action)
              and (:targetType = '' or e.targetType = :targetType)
              and (:targetId is null or e.targetId = :targetId)
              and e.at >= :from and e.at < :to""")
    long countSearch(String actor, String action, String targetType, Long targetId, Instant from, Instant to);
}
